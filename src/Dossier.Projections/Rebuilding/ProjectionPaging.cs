using JasperFx.Events.Projections;
using Marten;

namespace Dossier.Projections.Rebuilding;

/// <summary>
/// How many events the daemon fetches and applies at once. A dossier's events lie weeks apart among other dossiers'
/// events, so with Marten's default page of 500 a rebuild loads and rewrites each document in nearly every page that
/// touches it — about once per event — and the daily statistics look each dossier's summary up as often.
/// </summary>
public static class ProjectionPaging
{
    /// <summary>
    /// Pages of 10,000 hold a busy day of a province. A daemon that is keeping up fetches only what arrived since its
    /// last poll, so live projection is unchanged; catching up after a stop takes bigger steps.
    /// </summary>
    public const int BatchSize = 10_000;

    /// <summary>
    /// For a process that does nothing but rebuild (the rebuild and archive verbs): a page spans weeks of a province's
    /// history, so each document is written a few times in all, at a memory cost a serving node should not pay.
    /// </summary>
    public const int RebuildBatchSize = 100_000;

    public static void Apply(AsyncOptions options) => Apply(options, BatchSize);

    public static void ForRebuild(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var projection in options.Projections.All.OfType<ProjectionBase>())
        {
            Apply(projection.Options, RebuildBatchSize);
        }
    }

    private static void Apply(AsyncOptions options, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.BatchSize = batchSize;
        options.MaximumHopperSize = 2 * batchSize;
    }
}
