using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Dossiers;
using Dossier.Projections.Rebuilding;
using Dossier.Projections.Statistics;
using Dossier.Projections.Tests.Fixtures;
using Marten;

namespace Dossier.Projections.Tests.Statistics;

/// <summary>
/// The stream-by-stream rebuild against Marten's daemon, on histories appended the way the engine appends them: event
/// by event in the order they happened, so that the streams interleave in the sequence. What it rebuilds equals what the
/// daemon projected live, and afterwards the inline summary and the daemon carry on from where it left them.
/// </summary>
public sealed class StreamByStreamRebuildEqualsDaemon
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Vietnam();
    private static readonly DateTimeOffset From = new(2026, 1, 5, 7, 30, 0, WorkingCalendar.VietnamOffset);
    private static readonly DateTimeOffset Until = new(2026, 5, 4, 12, 0, 0, WorkingCalendar.VietnamOffset);

    /// <summary>Events up to this moment are appended before the rebuild, the rest after it.</summary>
    private static readonly DateTimeOffset RebuiltAt = new(2026, 3, 20, 12, 0, 0, WorkingCalendar.VietnamOffset);

    [Theory]
    [InlineData(2027)]
    [InlineData(5)]
    public async Task the_rebuilt_read_models_equal_the_live_ones_and_the_daemon_carries_on_after_them(int seed)
    {
        var histories = new HistoryGenerator(seed, Calendar, abandonRate: 0.02).Generate(100, From, Until);
        var before = InOrderOfTime(histories).Where(e => e.At <= RebuiltAt).ToList();
        var after = InOrderOfTime(histories).Where(e => e.At > RebuiltAt).ToList();
        Assert.True(before.Count > 200 && after.Count > 200, $"{before.Count} events before the rebuild, {after.Count} after");
        await using var store = await StatisticsStore.Create("streambystream" + seed, Calendar);
        await AppendOneByOne(store.Store, before);
        await store.CatchUp();
        var rebuild = new ReadModelRebuild(store.Store);

        var check = await rebuild.Check(null, CancellationToken.None);

        Assert.True(check.Identical, string.Join("\n", check.Differences.Select(d => $"{d.DocumentType} {d.Id}: {string.Join("; ", d.Changes())}")));
        Assert.All(check.Rebuilt, r => Assert.Equal(RebuildPath.StreamByStream, r.Path));
        Assert.Equal(histories.Count(h => h[0].At <= RebuiltAt), check.Rebuilt.Single(r => r.ProjectionName == DossierFactsProjection.ProjectionName).Documents);
        Assert.Equal(await MaxSequence(store.Store), await Progression(store.Store, DossierFactsProjection.ProjectionName));
        Assert.Equal(await MaxSequence(store.Store), await Progression(store.Store, DailyStatisticsProjection.ProjectionName));

        // The engine's write path on the rebuilt summaries, then the daemon from the rebuild's mark: a daemon that
        // started again from the beginning would find every dossier filed twice, stop, and never catch up.
        await AppendOneByOne(store.Store, after);
        await store.CatchUp();

        check = await rebuild.Check(null, CancellationToken.None);
        Assert.True(check.Identical, string.Join("\n", check.Differences.Select(d => $"{d.DocumentType} {d.Id}: {string.Join("; ", d.Changes())}")));
    }

    private static IEnumerable<IDossierEvent> InOrderOfTime(IReadOnlyList<IReadOnlyList<IDossierEvent>> histories) =>
        histories.SelectMany(h => h.Select((e, index) => (Event: e, Index: index)))
            .OrderBy(x => x.Event.At)
            .ThenBy(x => x.Index)
            .Select(x => x.Event);

    /// <summary>One transaction per event, through <c>FetchForWriting</c> like the engine's handlers.</summary>
    private static async Task AppendOneByOne(DocumentStore store, IEnumerable<IDossierEvent> events)
    {
        foreach (var e in events)
        {
            await using var session = store.LightweightSession();
            var code = e.Code.ToString();
            if (e is DossierFiled)
            {
                session.Events.StartStream(code, e);
            }
            else
            {
                var stream = await session.Events.FetchForWriting<DossierSummary>(code);
                Assert.NotNull(stream.Aggregate);
                Assert.Equal(stream.CurrentVersion, stream.Aggregate.Version);
                stream.AppendOne(e);
            }

            await session.SaveChangesAsync();
        }
    }

    private static async Task<long> MaxSequence(DocumentStore store)
    {
        await using var session = store.QuerySession();
        return (await session.QueryAsync<long>("select max(seq_id) from dossier.mt_events")).Single();
    }

    private static async Task<long> Progression(DocumentStore store, string projection)
    {
        await using var session = store.QuerySession();
        return (await session.QueryAsync<long>(
            "select last_seq_id from dossier.mt_event_progression where name = ?", $"{projection}:All")).Single();
    }
}
