using System.Runtime.CompilerServices;
using Dossier.Api.Hosting;
using Dossier.Domain.Audit;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace Dossier.Api.Audit.Checkpoints;

/// <summary>A checkpoint as stored: what it states and its signature.</summary>
public sealed record StoredCheckpoint(CheckpointStatement Statement, byte[] Signature);

/// <summary>A stream whose stored head is not the one the previous checkpoint signed (new, appended to, altered or gone).</summary>
public sealed record ChangedStream(string Stream, StreamHead? Signed);

/// <summary>
/// The checkpoints and the heads they sign, in two tables of the engine's schema. A checkpoint stores only the heads
/// that changed since the one before; the full set of checkpoint N is the latest head of each stream up to N.
/// </summary>
public static class CheckpointStore
{
    private const string Checkpoints = StoreSetup.Schema + ".audit_checkpoints";
    private const string Heads = StoreSetup.Schema + ".audit_checkpoint_heads";
    private const string CheckpointColumns = "sequence, taken_at, streams, events, root, previous, key_id, signature";
    private const string NewHeads = "pg_temp.audit_checkpoint_new_heads";

    /// <summary>Serialises checkpoint takers, whichever node or endpoint they run in.</summary>
    private const long TakerLock = 0x0_5EA1_C4EC_4B01;

    public static IEnumerable<Table> Tables()
    {
        var checkpoints = new Table(Weasel.Postgresql.PostgresqlProvider.Instance.Parse(Checkpoints));
        checkpoints.AddColumn("sequence", "bigint").AsPrimaryKey();
        checkpoints.AddColumn("taken_at", "timestamp with time zone").NotNull();
        checkpoints.AddColumn("streams", "bigint").NotNull();
        checkpoints.AddColumn("events", "bigint").NotNull();
        checkpoints.AddColumn("root", "text").NotNull();
        checkpoints.AddColumn("previous", "text");
        checkpoints.AddColumn("key_id", "text").NotNull();
        checkpoints.AddColumn("signature", "bytea").NotNull();

        var heads = new Table(Weasel.Postgresql.PostgresqlProvider.Instance.Parse(Heads));
        heads.AddColumn("stream", "text").AsPrimaryKey();
        heads.AddColumn("checkpoint", "bigint").AsPrimaryKey().ForeignKeyTo(checkpoints, "sequence");
        heads.AddColumn("version", "bigint").NotNull();
        heads.AddColumn("hash", "text").NotNull();
        return [checkpoints, heads];
    }

    /// <summary>Takes the lock that checkpoint takers queue on, until the transaction ends.</summary>
    public static async Task LockForTaking(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_advisory_xact_lock($1)", connection);
        command.Parameters.AddWithValue(TakerLock);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<StoredCheckpoint?> Latest(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select {CheckpointColumns} from {Checkpoints} order by sequence desc limit 1", connection);
        return await Single(command, ct);
    }

    public static async Task<StoredCheckpoint?> Find(NpgsqlConnection connection, long sequence, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select {CheckpointColumns} from {Checkpoints} where sequence = $1", connection);
        command.Parameters.AddWithValue(sequence);
        return await Single(command, ct);
    }

    public static async IAsyncEnumerable<StoredCheckpoint> All(NpgsqlConnection connection, bool newestFirst, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select {CheckpointColumns} from {Checkpoints} order by sequence {(newestFirst ? "desc" : "asc")}", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return Read(reader);
        }
    }

    /// <summary>The full head set of a checkpoint, in ordinal order of stream key (the Merkle tree's order).</summary>
    public static async IAsyncEnumerable<StreamHead> HeadsOf(NpgsqlConnection connection, long sequence, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(HeadsOfCheckpoint, connection);
        command.Parameters.AddWithValue(sequence);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return ReadHead(reader);
        }
    }

    /// <summary><see cref="HeadsOf"/> as a cursor in the caller's transaction.</summary>
    public static Task<ServerCursor<StreamHead>> HeadsOfCursor(NpgsqlConnection connection, long sequence, CancellationToken ct) =>
        ServerCursor<StreamHead>.Open(connection, "checkpoint_signed_heads", HeadsOfCheckpoint, [sequence], ReadHead, ct);

    private static string HeadsOfCheckpoint =>
        $"""
         select stream, version, hash from (
             select distinct on (stream) stream, version, hash from {Heads}
             where checkpoint <= $1
             order by stream, checkpoint desc) latest
         order by stream collate "C"
         """;

    private static StreamHead ReadHead(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetInt64(1), reader.GetString(2));

    /// <summary>The head checkpoint <paramref name="sequence"/> holds for one stream, if it holds one.</summary>
    public static async Task<StreamHead?> HeadOf(NpgsqlConnection connection, long sequence, string stream, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select version, hash from {Heads} where stream = $1 and checkpoint <= $2 order by checkpoint desc limit 1", connection);
        command.Parameters.AddWithValue(stream);
        command.Parameters.AddWithValue(sequence);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new StreamHead(stream, reader.GetInt64(0), reader.GetString(1)) : null;
    }

    /// <summary>
    /// Streams whose stored head (Marten's stream version and the hash its event at that version carries) differs
    /// from the head checkpoint <paramref name="sequence"/> signed, with that signed head: the only streams a new
    /// checkpoint has to read events of. A cursor in the caller's transaction, in ordinal order of stream key.
    /// </summary>
    public static Task<ServerCursor<ChangedStream>> ChangedSince(NpgsqlConnection connection, long sequence, CancellationToken ct) =>
        ServerCursor<ChangedStream>.Open(
            connection,
            "checkpoint_changed_streams",
            $"""
             with signed as (
                 select distinct on (stream) stream, version, hash from {Heads}
                 where checkpoint <= $1
                 order by stream, checkpoint desc),
             stored as (
                 select s.id as stream, s.version, e.headers ->> 'hash' as hash
                 from {StoreSetup.Schema}.mt_streams s
                 left join {StoreSetup.Schema}.mt_events e on e.stream_id = s.id and e.version = s.version
                 where s.id <> $2)
             select coalesce(stored.stream, signed.stream) as stream, signed.version, signed.hash
             from stored full join signed on signed.stream = stored.stream
             where stored.stream is null or signed.stream is null
                or stored.version <> signed.version or stored.hash is distinct from signed.hash
             order by coalesce(stored.stream, signed.stream) collate "C"
             """,
            [sequence, StoredEvents.MartenTombstones],
            reader =>
            {
                var stream = reader.GetString(0);
                return new ChangedStream(stream, reader.IsDBNull(1) ? null : new StreamHead(stream, reader.GetInt64(1), reader.GetString(2)));
            },
            ct);

    /// <summary>
    /// Holds the heads a checkpoint being taken will store, page by page, in a table of the transaction's own until
    /// <see cref="Save"/> knows the checkpoint they belong to.
    /// </summary>
    public static async Task BeginNewHeads(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var create = new NpgsqlCommand(
            $"create temporary table {NewHeads} (stream text not null, version bigint not null, hash text not null) on commit drop", connection);
        await create.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Adds heads to those <see cref="Save"/> will store (binary COPY).</summary>
    public static async Task AddNewHeads(NpgsqlConnection connection, IEnumerable<StreamHead> heads, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"copy {NewHeads} (stream, version, hash) from stdin (format binary)", ct);
        foreach (var head in heads)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(head.Stream, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(head.Version, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(head.Hash, NpgsqlDbType.Text, ct);
        }

        await copy.CompleteAsync(ct);
    }

    /// <summary>Inserts the checkpoint and stores with it the heads added since <see cref="BeginNewHeads"/>.</summary>
    public static async Task Save(NpgsqlConnection connection, StoredCheckpoint checkpoint, CancellationToken ct)
    {
        var statement = checkpoint.Statement;
        await using (var insert = new NpgsqlCommand(
                         $"insert into {Checkpoints} ({CheckpointColumns}) values ($1, $2, $3, $4, $5, $6, $7, $8)", connection))
        {
            insert.Parameters.AddWithValue(statement.Sequence);
            insert.Parameters.AddWithValue(statement.TakenAt);
            insert.Parameters.AddWithValue(statement.Streams);
            insert.Parameters.AddWithValue(statement.Events);
            insert.Parameters.AddWithValue(statement.Root);
            insert.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)statement.Previous ?? DBNull.Value);
            insert.Parameters.AddWithValue(statement.KeyId);
            insert.Parameters.AddWithValue(checkpoint.Signature);
            await insert.ExecuteNonQueryAsync(ct);
        }

        await using var heads = new NpgsqlCommand(
            $"insert into {Heads} (checkpoint, stream, version, hash) select $1, stream, version, hash from {NewHeads}", connection);
        heads.Parameters.AddWithValue(statement.Sequence);
        await heads.ExecuteNonQueryAsync(ct);
    }

    private static async Task<StoredCheckpoint?> Single(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    private static StoredCheckpoint Read(NpgsqlDataReader reader) => new(
        new CheckpointStatement(
            reader.GetInt64(0),
            reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetInt64(2),
            reader.GetInt64(3),
            reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetString(6)),
        reader.GetFieldValue<byte[]>(7));
}
