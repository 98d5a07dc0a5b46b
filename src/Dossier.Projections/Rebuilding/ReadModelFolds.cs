using Dossier.Projections.Dossiers;
using Dossier.Projections.Statistics;

namespace Dossier.Projections.Rebuilding;

/// <summary>
/// The read models the stream-by-stream rebuild can fold, each from its registered projection. A read model gets a fast
/// rebuild by adding its fold here; a projection without one is still rebuilt, by Marten's daemon.
/// </summary>
public static class ReadModelFolds
{
    /// <summary>A fresh fold for <paramref name="projection"/>, or null when it has none.</summary>
    public static IReadModelFold? For(object projection) => projection switch
    {
        DossierSummaryProjection summary => new SingleStreamFold<DossierSummary>(summary),
        DossierFactsProjection facts => new SingleStreamFold<DossierFacts>(facts),
        DailyStatisticsProjection daily => new DailyStatisticsFold(daily),
        _ => null,
    };
}
