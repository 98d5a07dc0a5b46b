using Dossier.Domain.Calendar;
using Dossier.Projections.Rebuilding;
using Dossier.Projections.Statistics;
using Dossier.Projections.Tests.Fixtures;
using Marten;

namespace Dossier.Projections.Tests.Statistics;

/// <summary>A rebuild from the events yields exactly the live read models, and the check notices when it does not.</summary>
public sealed class RebuildEqualsLive
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Vietnam();
    private static readonly DateTimeOffset From = new(2026, 3, 2, 8, 0, 0, WorkingCalendar.VietnamOffset);
    private static readonly DateTimeOffset Until = new(2026, 4, 30, 17, 0, 0, WorkingCalendar.VietnamOffset);

    [Fact]
    public async Task every_projection_is_rebuilt_and_the_rebuilt_read_models_equal_the_live_ones()
    {
        await using var store = await StatisticsStore.Create("rebuild", Calendar);
        await store.Append(new HistoryGenerator(11, Calendar).Generate(60, From, Until));
        await store.CatchUp();
        var period = new ReportPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 30));
        var before = await store.Tallies(period, Until);

        var rebuild = new ReadModelRebuild(store.Store);
        Assert.Equal(["DossierSummary", DossierFactsProjection.ProjectionName, DailyStatisticsProjection.ProjectionName],
            rebuild.ReadModels().Select(m => m.ProjectionName));
        var check = await rebuild.Check(null, CancellationToken.None);

        Assert.True(check.Identical, string.Join("\n", check.Differences));
        Assert.Equal(3, check.Rebuilt.Count);
        Assert.All(check.Rebuilt, r => Assert.True(r.Documents > 0, $"{r.ProjectionName} rebuilt no documents"));
        Assert.Equal(60, check.Rebuilt.Single(r => r.ProjectionName == DossierFactsProjection.ProjectionName).Documents);
        var after = await store.Tallies(period, Until);
        Assert.Equal(before.Units, after.Units);
        Assert.Equal(before.Procedures, after.Procedures);
        // The copies of the live documents are gone again.
        await using var session = store.Store.QuerySession();
        Assert.Equal(0, await session.QueryAsync<long>("select count(*) from pg_tables where tablename like 'rebuild_check_%'").ContinueWith(t => t.Result.Single()));
    }

    [Fact]
    public async Task a_live_read_model_that_differs_from_the_events_is_reported_document_by_document()
    {
        await using var store = await StatisticsStore.Create("rebuilddiff", Calendar);
        await store.Append(new HistoryGenerator(12, Calendar).Generate(20, From, Until));
        await store.CatchUp();
        string tampered;
        await using (var session = store.Store.LightweightSession())
        {
            var first = (await session.Query<DossierFacts>().ToListAsync()).OrderBy(f => f.Id, StringComparer.Ordinal).First();
            tampered = first.Id;
            session.Store(first with { Online = !first.Online });
            session.Store(new DailyStatistics { Id = "000.00.00.H08|0.000000|2026-03-03", Unit = "000.00.00.H08", ProcedureCode = "0.000000", ReceivedOnline = 5 });
            await session.SaveChangesAsync();
        }

        var check = await new ReadModelRebuild(store.Store).Check(null, CancellationToken.None);

        Assert.False(check.Identical);
        Assert.Equal(1, check.DifferenceCounts[nameof(DossierFacts)]);
        Assert.Equal(1, check.DifferenceCounts[nameof(DailyStatistics)]);
        Assert.Equal(0, check.DifferenceCounts["DossierSummary"]);
        var facts = check.Differences.Single(d => d.DocumentType == nameof(DossierFacts));
        Assert.Equal(tampered, facts.Id);
        Assert.NotNull(facts.Live);
        Assert.NotNull(facts.Rebuilt);
        Assert.Single(facts.Changes(), c => c.StartsWith("online: ", StringComparison.Ordinal));
        var daily = check.Differences.Single(d => d.DocumentType == nameof(DailyStatistics));
        Assert.NotNull(daily.Live);
        Assert.Null(daily.Rebuilt);
        Assert.StartsWith("(document): {", Assert.Single(daily.Changes()), StringComparison.Ordinal);
    }
}
