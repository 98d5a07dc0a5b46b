using Dossier.Domain.Dossiers;
using Dossier.Projections.Dossiers;
using Dossier.Projections.Statistics;
using JasperFx.Events;

namespace Dossier.Projections.Rebuilding;

/// <summary>
/// The daily counts, accumulated in memory across every stream. Each event is classified as the daemon's grouping does
/// it — <see cref="DailyContribution.Of"/> with the dossier's summary — except that the summary is the one just folded
/// from the same stream instead of one loaded per batch, and the contribution goes through the projection's own
/// <c>Evolve</c>. A province's daily documents (unit × procedure × day) fit in memory easily.
/// </summary>
public sealed class DailyStatisticsFold(DailyStatisticsProjection projection) : IReadModelFold
{
    private readonly Dictionary<string, DailyStatistics> days = new(StringComparer.Ordinal);

    public string ProjectionName => projection.Name;

    public object? Fold(StreamHistory stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var summary = stream.Folded<DossierSummary>()
            ?? throw new InvalidOperationException(
                $"Dossier {stream.Key}: no summary was folded to classify its events with; the summary must be folded first.");
        foreach (var e in stream.Events)
        {
            if (e.Data is IDossierEvent dossierEvent
                && DailyContribution.Of(dossierEvent, summary.State, projection.Calendar) is { } contribution)
            {
                var id = contribution.DocumentId;
                days.TryGetValue(id, out var day);
                if (projection.Evolve(day, id, new Event<DailyContribution>(contribution)) is { } counted)
                {
                    days[id] = counted;
                }
                else
                {
                    days.Remove(id);
                }
            }
        }

        return null;
    }

    public IEnumerable<object> Complete() => days.Values;
}
