using Dossier.Domain.Dossiers;
using Dossier.Projections.Statistics;
using JasperFx.Events;

namespace Dossier.Projections.Rebuilding;

/// <summary>
/// The daily counts, accumulated in memory across every stream. Each event is classified as the daemon's grouping does
/// it — <see cref="DailyContribution.Of"/> with the dossier's facts at that version or later — except that the facts are
/// the ones just folded from the whole stream instead of ones loaded per batch, and the contributions go through the
/// projection's own <c>Evolve</c>, grouped per document as the daemon groups them. A province's daily documents
/// (unit × procedure × day) fit in memory easily.
/// </summary>
public sealed class DailyStatisticsFold(DailyStatisticsProjection projection) : IReadModelFold
{
    private readonly Dictionary<string, DailyStatistics> days = new(StringComparer.Ordinal);

    public string ProjectionName => projection.Name;

    public object? Fold(StreamHistory stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var facts = stream.Folded<DossierFacts>()
            ?? throw new InvalidOperationException(
                $"Dossier {stream.Key}: no facts were folded to classify its events with; the facts must be folded first.");
        foreach (var e in stream.Events)
        {
            if (e.Data is not IDossierEvent dossierEvent)
            {
                continue;
            }

            foreach (var forDocument in DailyContribution.Of(dossierEvent, e.Version, facts, projection.Calendar).GroupBy(c => c.DocumentId, StringComparer.Ordinal))
            {
                var id = forDocument.Key;
                days.TryGetValue(id, out var day);
                if (projection.Evolve(day, id, new Event<DailyContribution[]>(forDocument.ToArray())) is { } counted)
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
