using JasperFx.Events.Projections;

namespace Dossier.Projections.Rebuilding;

/// <summary>
/// How many events the daemon fetches and applies at once, for every projection. A dossier's events lie weeks apart
/// among other dossiers' events, so with Marten's default page of 500 a rebuild loads and rewrites each document in
/// nearly every page that touches it — about once per event. Pages of 10,000 hold a busy day of a province, so each
/// document is written a few times instead. A daemon that is keeping up fetches only what arrived since its last poll,
/// so live projection is unchanged; catching up after a stop takes bigger steps.
/// </summary>
public static class ProjectionPaging
{
    public const int BatchSize = 10_000;

    public static void Apply(AsyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.BatchSize = BatchSize;
        options.MaximumHopperSize = 2 * BatchSize;
    }
}
