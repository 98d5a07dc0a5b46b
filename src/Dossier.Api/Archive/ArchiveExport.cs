using System.Data;
using Dossier.Api.Hosting;
using Marten;
using Npgsql;

namespace Dossier.Api.Archive;

/// <summary>
/// Exports every event, in sequence order, with the stream rows and the archived documents, all read in one
/// REPEATABLE READ transaction: the archive is one consistent snapshot while the API keeps writing.
/// </summary>
public sealed class ArchiveExport(IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Marten's stream of placeholder events for sequence numbers that a rolled-back append used: no history, not archived.</summary>
    public const string TombstoneStream = "mt_tombstone";

    private const string Schema = StoreSetup.Schema;

    public async Task<ArchiveManifest> Run(string folder, long partBytes, Action<string> progress, CancellationToken ct, Domain.Audit.CheckpointKey? signer = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await Execute(connection, "set transaction read only", ct);
        var exportedAt = clock.GetUtcNow();
        var total = await Scalar(connection, $"select count(*) from {Schema}.mt_events where stream_id <> '{TombstoneStream}'", ct);
        var highest = await Scalar(connection, $"select coalesce(max(seq_id), 0) from {Schema}.mt_events", ct);
        progress($"export: snapshot taken at sequence {highest:N0}; {total:N0} events to write");

        await using var writer = new ArchiveWriter(folder, partBytes);
        var meter = new ProgressMeter("export: events", total, progress);
        await using (var command = new NpgsqlCommand(
            $"""
             select seq_id, stream_id, version, id, type, timestamp, correlation_id, causation_id, headers::text, headers ->> 'hash', data::text
             from {Schema}.mt_events where stream_id <> '{TombstoneStream}' order by seq_id
             """, connection))
        await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var sequence = reader.GetInt64(0);
                var stream = reader.GetString(1);
                var version = reader.GetInt64(2);
                var id = reader.GetGuid(3);
                var type = reader.GetString(4);
                var timestamp = reader.GetFieldValue<DateTimeOffset>(5);
                var correlation = reader.IsDBNull(6) ? null : reader.GetString(6);
                var causation = reader.IsDBNull(7) ? null : reader.GetString(7);
                var headers = reader.IsDBNull(8) ? null : reader.GetString(8);
                var hash = reader.IsDBNull(9) ? null : reader.GetString(9);
                var data = reader.GetString(10);
                writer.WriteEvent(new ArchivedEvent(sequence, stream, version, id, type, timestamp, correlation, causation, headers, data), hash);
                meter.Advance();
            }
        }

        meter.Done();
        var streams = 0L;
        await using (var command = new NpgsqlCommand(
            $"select id, type, version, created, timestamp from {Schema}.mt_streams where id <> '{TombstoneStream}' order by id", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                writer.WriteStream(new ArchivedStream(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetInt64(2),
                    reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetFieldValue<DateTimeOffset>(4)));
                streams++;
            }
        }

        progress($"export: {streams:N0} streams with their heads");
        foreach (var kind in ArchivedDocuments.All)
        {
            var documents = 0L;
            await using var command = new NpgsqlCommand($"select id, data::text from {ArchivedDocuments.Table(store, kind)} order by id", connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                writer.WriteDocument(kind, reader.GetString(0), reader.GetString(1));
                documents++;
            }

            progress($"export: {documents:N0} {kind.Name} documents");
        }

        var manifest = await writer.Complete(exportedAt, highest, ct, signer);
        await transaction.CommitAsync(ct);
        return manifest;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> Scalar(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
