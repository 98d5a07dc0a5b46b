using JasperFx.Events;

namespace Dossier.Projections.Rebuilding;

/// <summary>
/// One stream's events in version order, as Marten's daemon hands them to a projection, and the documents the read
/// models folded before this one have made of the same stream.
/// </summary>
public sealed class StreamHistory(string key, IReadOnlyList<IEvent> events)
{
    private readonly List<object> documents = [];

    public string Key { get; } = key;

    public IReadOnlyList<IEvent> Events { get; } = events;

    /// <summary>The document of type <typeparamref name="T"/> an earlier read model made of this stream, if any.</summary>
    public T? Folded<T>() where T : class
    {
        foreach (var document in documents)
        {
            if (document is T found)
            {
                return found;
            }
        }

        return null;
    }

    internal void Remember(object document) => documents.Add(document);
}

/// <summary>
/// How a read model is rebuilt stream by stream: the events of each stream are handed to it once, in (stream, version)
/// order, and it answers with the same documents its projection makes on Marten's daemon. A fold holds the state of one
/// rebuild; <see cref="ReadModelFolds"/> creates a fresh one for each.
/// </summary>
public interface IReadModelFold
{
    /// <summary>The registered projection whose documents this fold makes.</summary>
    string ProjectionName { get; }

    /// <summary>Folds one stream; returns the stream's own document, or null when the read model keeps none per stream.</summary>
    object? Fold(StreamHistory stream);

    /// <summary>The documents accumulated across streams, once every stream has been folded.</summary>
    IEnumerable<object> Complete();
}
