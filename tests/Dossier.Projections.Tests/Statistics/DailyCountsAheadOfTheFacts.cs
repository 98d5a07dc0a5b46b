using Dossier.Domain.Calendar;
using Dossier.Projections.Statistics;
using Dossier.Projections.Tests.Fixtures;
using JasperFx.Events.Daemon;
using Marten;

namespace Dossier.Projections.Tests.Statistics;

/// <summary>
/// The daily counts classify events with the dossiers' facts, another shard of the daemon. When that shard has not
/// reached an event yet, the daily projection folds the missing events itself: the report is exact all the same.
/// </summary>
public sealed class DailyCountsAheadOfTheFacts
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Vietnam();
    private static readonly DateTimeOffset From = new(2026, 3, 2, 8, 0, 0, WorkingCalendar.VietnamOffset);
    private static readonly DateTimeOffset Now = new(2026, 4, 30, 12, 0, 0, WorkingCalendar.VietnamOffset);

    [Fact]
    public async Task the_report_is_exact_when_the_facts_projection_never_ran()
    {
        await using var store = await StatisticsStore.Create("aheadoffacts", Calendar);
        await store.Append(new HistoryGenerator(3, Calendar).Generate(40, From, Now));
        long events;
        await using (var session = store.Store.QuerySession())
        {
            events = await session.Events.QueryAllRawEvents().CountAsync();
        }

        var shard = $"{DailyStatisticsProjection.ProjectionName}:All";
        using (var daemon = await store.Store.BuildProjectionDaemonAsync())
        {
            await daemon.StartAgentAsync(shard, CancellationToken.None);
            await daemon.Tracker.WaitForShardState(shard, events, StatisticsStore.CatchUpTimeout);
            await daemon.StopAllAsync();
        }

        await using var query = store.Store.QuerySession();
        Assert.Equal(0, await query.Query<DossierFacts>().CountAsync());
        var raw = await RawEventOracle.LoadHistories(store.Store);
        foreach (var period in new[]
                 {
                     new ReportPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)),
                     new ReportPeriod(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)),
                     new ReportPeriod(new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 16)),
                 })
        {
            var expected = RawEventOracle.Compute(raw, period, Now, null, Calendar);
            var actual = await store.Tallies(period, Now);
            Assert.Equal(expected.Units, actual.Units);
            Assert.Equal(expected.Procedures, actual.Procedures);
        }
    }
}
