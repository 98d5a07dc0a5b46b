using Marten.Events.Aggregation;

namespace Dossier.Projections.Rebuilding;

/// <summary>
/// A single-stream projection's document, folded with the projection's own <c>Evolve</c>, event after event, exactly as
/// the daemon applies it; a document that ends as null is not kept, as the daemon would delete it.
/// </summary>
public sealed class SingleStreamFold<TDocument>(SingleStreamProjection<TDocument, string> projection) : IReadModelFold
    where TDocument : class
{
    public string ProjectionName { get; } = projection.Name;

    public object? Fold(StreamHistory stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        TDocument? document = null;
        foreach (var e in stream.Events)
        {
            document = projection.Evolve(document, stream.Key, e);
        }

        return document;
    }

    public IEnumerable<object> Complete() => [];
}
