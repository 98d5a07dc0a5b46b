using System.Runtime.CompilerServices;
using System.Text.Json;
using Dossier.Api.Dossiers;
using Dossier.Api.Hosting;
using Dossier.Domain.Audit;
using Npgsql;

namespace Dossier.Api.Audit;

/// <summary>One event as PostgreSQL holds it, with the hash it claims.</summary>
public sealed record StoredEvent(SealedEvent Content, string? StoredHash);

/// <summary>
/// Reads events straight from Marten's event table, without Marten: verification must see the rows
/// as they are, not as a deserializer or an upcaster would present them.
/// </summary>
public static class StoredEvents
{
    /// <summary>
    /// Marten records sequence numbers that a rolled-back append had taken as events of this stream; they are its
    /// bookkeeping, not a dossier's history, and carry no hash.
    /// </summary>
    public const string MartenTombstones = "mt_tombstone";

    private const string Columns = "stream_id, version, type, data::text, headers::text, correlation_id, causation_id";

    public static async Task<IReadOnlyList<StoredEvent>> OfStream(NpgsqlDataSource dataSource, string stream, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select {Columns} from {StoreSetup.Schema}.mt_events where stream_id = $1 order by version");
        command.Parameters.AddWithValue(stream);
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(Read(reader));
        }

        return events;
    }

    /// <summary>
    /// Every dossier stream, each with its events in version order, streamed from one query in the order of the event
    /// table's (stream, version) index. Left to itself PostgreSQL would rather sort the whole table first, which for a
    /// million events keeps the caller waiting some ten seconds for the first row; read in index order, rows arrive at
    /// once and their hashing overlaps the reading.
    /// </summary>
    /// <param name="callerTransaction">True when the caller already holds a transaction on the connection: the setting
    /// then lasts until the caller's transaction ends.</param>
    public static async IAsyncEnumerable<(string Stream, IReadOnlyList<StoredEvent> Events)> AllStreams(
        NpgsqlConnection connection, [EnumeratorCancellation] CancellationToken cancellationToken, bool callerTransaction = false)
    {
        await using var transaction = callerTransaction ? null : await connection.BeginTransactionAsync(cancellationToken);
        await using (var inIndexOrder = new NpgsqlCommand("set local enable_sort = off", connection))
        {
            await inIndexOrder.ExecuteNonQueryAsync(cancellationToken);
        }

        var command = new NpgsqlCommand(
            $"select {Columns} from {StoreSetup.Schema}.mt_events where stream_id <> $1 order by stream_id, version", connection);
        command.Parameters.AddWithValue(MartenTombstones);
        await foreach (var stream in Grouped(command, cancellationToken))
        {
            yield return stream;
        }
    }

    /// <summary>The given streams, each with its events in version order; a stream without events is left out.</summary>
    public static IAsyncEnumerable<(string Stream, IReadOnlyList<StoredEvent> Events)> OfStreams(
        NpgsqlConnection connection, IReadOnlyCollection<string> streams, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            $"select {Columns} from {StoreSetup.Schema}.mt_events where stream_id = any($1) order by stream_id, version", connection);
        command.Parameters.AddWithValue(streams.ToArray());
        return Grouped(command, cancellationToken);
    }

    private static async IAsyncEnumerable<(string Stream, IReadOnlyList<StoredEvent> Events)> Grouped(
        NpgsqlCommand command, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var owned = command;
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        string? current = null;
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var e = Read(reader);
            if (current is not null && e.Content.Stream != current)
            {
                yield return (current, events);
                events = [];
            }

            current = e.Content.Stream;
            events.Add(e);
        }

        if (current is not null)
        {
            yield return (current, events);
        }
    }

    private static StoredEvent Read(NpgsqlDataReader reader)
    {
        var stream = reader.GetString(0);
        var version = reader.GetInt64(1);
        var type = reader.GetString(2);
        var data = JsonElement.Parse(reader.GetString(3));
        JsonElement? headers = reader.IsDBNull(4) ? null : JsonElement.Parse(reader.GetString(4));
        var correlation = reader.IsDBNull(5) ? null : reader.GetString(5);
        var causation = reader.IsDBNull(6) ? null : reader.GetString(6);
        return new StoredEvent(
            new SealedEvent(stream, version, type, data,
                Header(headers, EventHeaders.Actor), Header(headers, EventHeaders.Role), Header(headers, EventHeaders.Agency),
                correlation, causation),
            Header(headers, EventSeal.Header));
    }

    private static string? Header(JsonElement? headers, string name) =>
        headers is { ValueKind: JsonValueKind.Object } h && h.TryGetProperty(name, out var value) ? StreamSealing.Text(value) : null;
}
