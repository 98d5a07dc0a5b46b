using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Statistics;
using Dossier.Projections.Tests.Fixtures;
using JasperFx.Events.Daemon;
using Marten;

namespace Dossier.Projections.Tests.Statistics;

/// <summary>An event a statistics projection cannot apply stops its shard; it is never skipped.</summary>
public sealed class ProjectionFailures
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Vietnam();
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, WorkingCalendar.VietnamOffset);

    [Fact]
    public async Task an_event_the_projection_cannot_apply_stops_the_shard_instead_of_being_skipped()
    {
        await using var store = await StatisticsStore.Create("failure", Calendar);
        // A receipt on a stream that was never filed: no dossier the facts could belong to.
        var orphan = DossierCode.Create("000.00.01.H08", new DateOnly(2026, 3, 2), 9);
        await using (var session = store.Store.LightweightSession())
        {
            session.Events.StartStream(orphan.ToString(),
                new DossierReceived(orphan, Monday.AddDays(3), 3, 1, new Actor("desk", Role.Reception, "000.00.01.H08"), Monday));
            await session.SaveChangesAsync();
        }

        var good = new HistoryGenerator(5, Calendar).Generate(3, Monday, Monday.AddDays(20));
        await store.Append(good);

        using var daemon = await store.Store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        var stopped = await daemon.Tracker.WaitForShardCondition(
            s => s.ShardName.StartsWith(DossierFactsProjection.ProjectionName, StringComparison.Ordinal)
                 && s.Action is ShardAction.Paused or ShardAction.Stopped,
            "the facts shard stops on the orphan event",
            TimeSpan.FromSeconds(60));
        await daemon.StopAllAsync();

        Assert.NotNull(stopped);
        await using var query = store.Store.QuerySession();
        // Nothing after the failing event was applied, and nothing was skipped to get past it.
        Assert.Empty(await query.Query<DossierFacts>().ToListAsync());
        var progress = await store.Store.Advanced.AllProjectionProgress();
        var facts = progress.SingleOrDefault(p => p.ShardName.StartsWith(DossierFactsProjection.ProjectionName, StringComparison.Ordinal));
        Assert.True(facts is null || facts.Sequence == 0, $"the facts shard moved past the failing event to {facts?.Sequence}");
        Assert.Equal(0, await query.Query<DeadLetterEvent>().CountAsync());
    }
}
