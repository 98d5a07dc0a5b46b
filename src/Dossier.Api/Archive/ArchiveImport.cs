using System.Collections.Concurrent;
using System.Diagnostics;
using Dossier.Api.Audit;
using Dossier.Api.Dossiers.Filing;
using Dossier.Api.Hosting;
using Dossier.Domain.Audit;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Rebuilding;
using Marten;
using Npgsql;

namespace Dossier.Api.Archive;

/// <summary>What one import loaded and how long each stage took.</summary>
public sealed record ImportResult(
    long Streams,
    long Events,
    long Documents,
    TimeSpan CheckingFiles,
    TimeSpan Loading,
    TimeSpan Verifying,
    TimeSpan Committing)
{
    /// <summary>From the first file read to the commit: the import without the projection rebuild.</summary>
    public TimeSpan Total => CheckingFiles + Loading + Verifying + Committing;
}

/// <summary>
/// Imports an archive into a database without events. The files are checked against the manifest first; then, in one
/// transaction: the stream and event rows go into Marten's tables by binary COPY (sequence numbers 1..n in archive
/// order), the event sequence is moved past them, the code counters are raised to the highest imported code of each
/// unit and day, the archived documents replace the target's, and every chain is verified from the stored rows with
/// the Merkle root of their heads compared with the manifest's. Only then does it commit: an archive that fails any
/// check leaves the database as it was. The read models are rebuilt afterwards (<see cref="Rebuild"/>).
/// </summary>
public sealed class ArchiveImport(DocumentStore store, NpgsqlDataSource dataSource)
{
    private const string Schema = StoreSetup.Schema;

    /// <param name="keys">The trusted audit keys a signed manifest is checked against; without them the signature is not checked.</param>
    public async Task<ImportResult> Load(string path, Action<string> progress, CancellationToken ct, Audit.Signing.AuditKeys? keys = null)
    {
        var watch = Stopwatch.StartNew();
        var folder = await ArchiveFolder.Open(path, progress, ct);
        var checking = watch.Elapsed;
        CheckSignature(folder.Manifest, keys, progress);

        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Execute(connection, $"lock table {Schema}.mt_streams, {Schema}.mt_events in exclusive mode", ct);
        if (await Scalar(connection, $"select count(*) from (select 1 from {Schema}.mt_events union all select 1 from {Schema}.mt_streams limit 1) existing", ct) > 0)
        {
            throw new ArchiveException(
                "The target database already holds events: an archive is imported into a database without events only. Nothing was imported.");
        }

        watch.Restart();
        var codes = await LoadStreams(connection, folder, progress, ct);
        var recreate = await DropKeysAndIndexes(connection, ct);
        var events = await LoadEvents(connection, folder, progress, ct);
        progress($"import: re-creating the keys and indexes of mt_events ({recreate.Count})");
        foreach (var statement in recreate)
        {
            await Execute(connection, statement, ct);
        }

        if (events > 0)
        {
            await Execute(connection, $"select setval('{Schema}.mt_events_sequence', {events})", ct);
        }

        await RaiseCodeCounters(connection, codes, ct);
        var documents = await LoadDocuments(connection, transaction, folder, progress, ct);
        var loading = watch.Elapsed;

        watch.Restart();
        await Verify(connection, folder.Manifest, progress, ct);
        var verifying = watch.Elapsed;

        watch.Restart();
        await transaction.CommitAsync(ct);
        await Execute(connection, $"analyze {Schema}.mt_streams; analyze {Schema}.mt_events", ct);
        progress($"import: committed {codes.Count:N0} streams, {events:N0} events, {documents:N0} documents");
        return new ImportResult(codes.Count, events, documents, checking, loading, verifying, watch.Elapsed);
    }

    /// <summary>Rebuilds every projection from the imported events, as the <c>rebuild</c> verb does.</summary>
    public Task<IReadOnlyList<RebuiltReadModel>> Rebuild(Action<string> progress, CancellationToken ct) =>
        new ReadModelRebuild(store).Rebuild(progress, ct);

    private static async Task<List<string>> LoadStreams(NpgsqlConnection connection, ArchiveFolder folder, Action<string> progress, CancellationToken ct)
    {
        var streams = new List<string>((int)folder.Manifest.Counts.Streams);
        if (folder.Streams is not { } file)
        {
            return streams;
        }

        await using (var copy = await connection.BeginRawBinaryCopyAsync(
            $"copy {Schema}.mt_streams ({RowEncoding.StreamColumns}) from stdin (format binary)", ct))
        {
            var writer = new BinaryCopyWriter(copy);
            using var lines = new LineReader(folder.PathOf(file));
            while (lines.TryRead(out var line))
            {
                streams.Add(RowEncoding.Stream(line, writer, lines));
            }

            writer.Complete();
        }

        progress($"import: {streams.Count:N0} streams loaded");
        return streams;
    }

    private static async Task<long> LoadEvents(NpgsqlConnection connection, ArchiveFolder folder, Action<string> progress, CancellationToken ct)
    {
        var meter = new ProgressMeter("import: events", folder.Manifest.Counts.Events, progress);
        await using (var copy = await connection.BeginRawBinaryCopyAsync(
            $"copy {Schema}.mt_events ({EventColumns}) from stdin (format binary)", ct))
        {
            WriteEventRows(folder, copy, () => meter.Advance(), ct);
        }

        meter.Done();
        return meter.Count;
    }

    /// <summary>The columns of <c>mt_events</c> the import writes; the others keep Marten's defaults (tenant, not archived, no bdata).</summary>
    public const string EventColumns = RowEncoding.EventColumns;

    /// <summary>Every event of the archive as a row of <see cref="EventColumns"/> in binary COPY format, numbered 1..n in archive order.</summary>
    public static void WriteEventRows(ArchiveFolder folder, Stream destination, Action advanced, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(advanced);
        var writer = new BinaryCopyWriter(destination);
        var rows = new RowEncoding();
        var sequence = 0L;
        foreach (var part in folder.EventParts)
        {
            using var lines = new LineReader(folder.PathOf(part));
            while (lines.TryRead(out var line))
            {
                rows.Event(line, ++sequence, writer, lines);
                advanced();
            }

            ct.ThrowIfCancellationRequested();
        }

        writer.Complete();
    }

    /// <summary>
    /// Drops the keys, foreign key and indexes of <c>mt_events</c> for the COPY and returns the statements that re-create
    /// them exactly as the catalogue defines them now, whatever Marten version made them. Maintained row by row, the
    /// foreign key alone (a lookup and a row lock on <c>mt_streams</c> per event) costs more than the rest of the load; built
    /// once after it, each is a single sort or join. It all happens in the import's transaction.
    /// </summary>
    private static async Task<List<string>> DropKeysAndIndexes(NpgsqlConnection connection, CancellationToken ct)
    {
        const string table = $"{Schema}.mt_events";
        var drops = new List<string>();
        var indexes = new List<string>();
        var keys = new List<string>();
        var foreignKeys = new List<string>();
        await using (var command = new NpgsqlCommand(
            $"select conname, contype::text, pg_get_constraintdef(oid) from pg_constraint where conrelid = '{table}'::regclass and contype in ('p', 'u', 'f')",
            connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var name = Quote(reader.GetString(0));
                var foreign = reader.GetString(1) == "f";
                (foreign ? foreignKeys : keys).Add($"alter table {table} add constraint {name} {reader.GetString(2)}");
                drops.Insert(foreign ? 0 : drops.Count, $"alter table {table} drop constraint {name}");
            }
        }

        await using (var command = new NpgsqlCommand(
            $"""
             select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i
             where i.indrelid = '{table}'::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
             """, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                indexes.Add(reader.GetString(1));
                drops.Add($"drop index {reader.GetString(0)}");
            }
        }

        foreach (var drop in drops)
        {
            await Execute(connection, drop, ct);
        }

        return [.. indexes, .. keys, .. foreignKeys];
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>New filings must never reuse an imported code: each unit's counter of a day starts after its highest imported code.</summary>
    private static async Task RaiseCodeCounters(NpgsqlConnection connection, IEnumerable<string> streams, CancellationToken ct)
    {
        var highest = new Dictionary<(string Unit, DateOnly Day), int>();
        foreach (var stream in streams)
        {
            if (DossierCode.TryParse(stream, out var code))
            {
                var key = (code.Unit, code.Day);
                highest[key] = Math.Max(highest.GetValueOrDefault(key), code.Sequence);
            }
        }

        if (highest.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            $"""
             insert into {Schema}.{DossierCodeSequence.TableName} as s (unit, day, last)
             select * from unnest(@units, @days, @lasts)
             on conflict (unit, day) do update set last = greatest(s.last, excluded.last)
             """, connection);
        command.Parameters.AddWithValue("units", highest.Keys.Select(k => k.Unit).ToArray());
        command.Parameters.AddWithValue("days", highest.Keys.Select(k => k.Day).ToArray());
        command.Parameters.AddWithValue("lasts", highest.Values.ToArray());
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The archive's documents replace the target's: a target without events has no dossier that could depend on its own.</summary>
    private async Task<long> LoadDocuments(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ArchiveFolder folder, Action<string> progress, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        var count = 0L;
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        foreach (var file in folder.Documents)
        {
            var kind = ArchivedDocuments.Named(file.DocumentType ?? "");
            await Execute(connection, $"delete from {ArchivedDocuments.Table(store, kind)}", ct);
            using var lines = new LineReader(folder.PathOf(file));
            var documents = new List<object>();
            while (lines.TryRead(out var line))
            {
                var (_, data) = RowEncoding.Document(line, lines);
                documents.Add(serializer.FromJson(kind.DocumentType, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(data))));
            }

            session.StoreObjects(documents);
            count += documents.Count;
            progress($"import: {documents.Count:N0} {kind.Name} documents");
        }

        await session.SaveChangesAsync(ct);
        return count;
    }

    /// <summary>
    /// A signed manifest must be signed by a trusted key and unchanged since; an unsigned one is vouched for by its file
    /// hashes and Merkle root alone.
    /// </summary>
    private static void CheckSignature(ArchiveManifest manifest, Audit.Signing.AuditKeys? keys, Action<string> progress)
    {
        if (manifest.Signature is not { } signature)
        {
            progress("import: the manifest is not signed; its file hashes and Merkle root are checked");
            return;
        }

        if (keys is null)
        {
            progress($"import: the manifest is signed with key {signature.KeyId}; no trusted keys were given, so the signature is not checked");
            return;
        }

        var problem = keys.SignatureProblem(signature.KeyId, manifest.SignedBytes(), Convert.FromBase64String(signature.Value));
        if (problem is not null)
        {
            throw new ArchiveException($"The manifest cannot be believed: {problem}. Nothing was imported.");
        }

        progress($"import: the manifest's signature verifies with trusted key {signature.KeyId}");
    }

    /// <summary>
    /// Every stored chain must hold and the heads must give the manifest's Merkle root; otherwise nothing is committed.
    /// The chains are re-hashed from the rows PostgreSQL holds (<see cref="StoredChains"/>); only when that cannot vouch
    /// for every stream are they checked stream by stream, as the <c>verify</c> verb does, for the verdict and its reasons.
    /// </summary>
    private static async Task Verify(NpgsqlConnection connection, ArchiveManifest manifest, Action<string> progress, CancellationToken ct)
    {
        var meter = new ProgressMeter("import: re-hashing the stored chains (events)", manifest.Counts.Events, progress);
        var heads = await StoredChains.Heads(connection, () => meter.Advance(), ct);
        meter.Done();
        if (heads is null)
        {
            progress("import: not every stored chain holds in sequence order; checking stream by stream");
            heads = await VerifyStreamByStream(connection, manifest, progress, ct);
        }

        var events = heads.Sum(h => h.Version);
        var root = MerkleTree.Root(heads);
        if (root != manifest.MerkleRoot || heads.Count != manifest.Counts.Streams || events != manifest.Counts.Events)
        {
            throw new ArchiveException(
                $"The imported heads give Merkle root {root} over {heads.Count:N0} streams and {events:N0} events; the manifest says {manifest.MerkleRoot} "
                + $"over {manifest.Counts.Streams:N0} and {manifest.Counts.Events:N0}. Nothing was imported.");
        }

        progress($"import: every chain verifies; Merkle root {root} matches the manifest");
    }

    /// <summary>
    /// <see cref="EventSeal.Verify"/> over <see cref="StoredEvents.AllStreams"/>, each stream's events in version order:
    /// throws naming the streams that do not hold, else returns every stream's head. One reader streams the stored rows;
    /// the hashing runs on every core.
    /// </summary>
    private static async Task<IReadOnlyList<StreamHead>> VerifyStreamByStream(
        NpgsqlConnection connection, ArchiveManifest manifest, Action<string> progress, CancellationToken ct)
    {
        var meter = new ProgressMeter("import: verifying chains stream by stream (streams)", manifest.Counts.Streams, progress);
        var streams = System.Threading.Channels.Channel.CreateBounded<(string Stream, IReadOnlyList<StoredEvent> Events)>(
            new System.Threading.Channels.BoundedChannelOptions(1024) { SingleWriter = true });
        var heads = new ConcurrentBag<StreamHead>();
        var broken = new ConcurrentBag<string>();
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            await foreach (var (stream, stored) in streams.Reader.ReadAllAsync(ct))
            {
                var check = EventSeal.Verify(stored.Select(e => (e.Content, e.StoredHash)));
                if (!check.Valid)
                {
                    broken.Add($"{stream} at version {check.BrokenAtVersion}: {check.Reason}");
                }

                heads.Add(new StreamHead(stream, check.Events, check.Head ?? ""));
            }
        }, ct)).ToList();
        try
        {
            await foreach (var stream in StoredEvents.AllStreams(connection, ct, callerTransaction: true))
            {
                await streams.Writer.WriteAsync(stream, ct);
                meter.Advance();
            }
        }
        finally
        {
            streams.Writer.Complete();
            await Task.WhenAll(workers);
        }

        meter.Done();
        if (!broken.IsEmpty)
        {
            throw new ArchiveException(
                $"{broken.Count:N0} streams do not verify as hash chains; nothing was imported. First: {string.Join("; ", broken.Order(StringComparer.Ordinal).Take(10))}");
        }

        return [.. heads];
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
