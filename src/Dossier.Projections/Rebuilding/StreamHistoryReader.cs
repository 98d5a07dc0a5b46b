using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;
using Marten.Internal;
using Npgsql;
using Weasel.Storage;

namespace Dossier.Projections.Rebuilding;

/// <summary>
/// Reads every event of the store once, in (stream, version) order, one stream at a time. Rows are turned into events
/// by Marten's own event reader (the one its daemon uses: the store's serializer, stored event names, headers), so a
/// fold sees exactly what the projection sees on the daemon. One query in one snapshot: the high-water mark is the
/// highest sequence that snapshot holds.
/// </summary>
public sealed class StreamHistoryReader(DocumentStore store)
{
    public long Events { get; private set; }

    public long Streams { get; private set; }

    /// <summary>The highest event sequence read: the daemon carries on after it.</summary>
    public long HighestSequence { get; private set; }

    public async IAsyncEnumerable<StreamHistory> ReadAll([EnumeratorCancellation] CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var storage = ((IMartenSession)session).EventStorage();
        ISelector<IEvent> selector = storage;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select {string.Join(", ", storage.SelectFields())} from {storage.FromObject} as d "
            + "where d.is_archived = false order by d.stream_id, d.version",
            connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var stream = new List<IEvent>();
        string? key = null;
        while (await reader.ReadAsync(ct))
        {
            var e = selector.Resolve(reader);
            if (e.StreamKey != key && stream.Count > 0)
            {
                Streams++;
                yield return new StreamHistory(key!, stream);
                stream = [];
            }

            key = e.StreamKey;
            stream.Add(e);
            Events++;
            HighestSequence = Math.Max(HighestSequence, e.Sequence);
        }

        if (stream.Count > 0)
        {
            Streams++;
            yield return new StreamHistory(key!, stream);
        }
    }
}
