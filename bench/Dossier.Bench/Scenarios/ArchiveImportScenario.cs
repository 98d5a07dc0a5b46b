using System.Diagnostics;
using System.Globalization;
using Dossier.Api.Archive;
using Dossier.Api.Hosting;
using Dossier.Bench.Infrastructure;
using Dossier.Bench.Load;
using Dossier.Projections.Rebuilding;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dossier.Bench.Scenarios;

public sealed record ArchiveStage(string Name, double Seconds);

/// <param name="RowsPerDocument">Rows written (inserted or updated) to the table per document it holds at the end.</param>
public sealed record TableWrites(string Table, double RowsPerDocument);

/// <summary>Scenarios 4 (bulk import) and 5 (rebuild of every projection) over one generated archive.</summary>
public sealed record ArchiveResults
{
    public int Dossiers { get; init; }

    public long Events { get; init; }

    public long Streams { get; init; }

    public long ArchiveBytes { get; init; }

    public int EventFiles { get; init; }

    public double GenerateSeconds { get; init; }

    public long DecisionsRefused { get; init; }

    /// <summary>From the first file read to the commit: hashes checked, COPY, chains verified.</summary>
    public double ImportSeconds { get; init; }

    public double ImportEventsPerSecond { get; init; }

    public IReadOnlyList<ArchiveStage> ImportStages { get; init; } = [];

    public CpuSplit? ImportCpu { get; init; }

    public double? RawCopySeconds { get; init; }

    public double? RawCopyRowsPerSecond { get; init; }

    public long RawCopyBytes { get; init; }

    public CpuSplit? RawCopyCpu { get; init; }

    public double? RebuildSeconds { get; init; }

    public double? RebuildEventsPerSecond { get; init; }

    public IReadOnlyList<ArchiveStage> RebuildStages { get; init; } = [];

    public CpuSplit? RebuildCpu { get; init; }

    public IReadOnlyList<TableWrites> RebuildWrites { get; init; } = [];

    public double? Ratio => RawCopyRowsPerSecond is > 0 ? ImportEventsPerSecond / RawCopyRowsPerSecond : null;
}

/// <summary>
/// Generates an archive with the domain's decider (<see cref="ArchiveHistory"/>), imports it through the archive import
/// of the API (<see cref="ArchiveImport"/>, in this process) into a new database of the bench cluster, streams the same
/// event rows by raw binary COPY into a bare table with mt_events' columns as the baseline, and rebuilds every projection.
/// </summary>
public static class ArchiveImportScenario
{
    public const int FullDossiers = 100_000;
    public const int QuickDossiers = 5_000;

    public static async Task<ArchiveResults> Run(Cluster cluster, int dossiers, bool rawCopy, bool rebuild, CancellationToken ct)
    {
        var progress = ConsoleProgress.Instance;
        var database = $"archive_import_{DateTime.UtcNow:HHmmss}";
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"create database {database}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = database }.ConnectionString;
        await using var services = EngineServices.Provider(connectionString,
            collection => collection.ConfigureMarten(Dossier.Projections.Rebuilding.ProjectionPaging.ForRebuild));
        var store = (DocumentStore)services.GetRequiredService<IDocumentStore>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();

        var folder = Path.Combine(Path.GetTempPath(), $"dossier-bench-archive-{Guid.NewGuid():N}");
        try
        {
            progress.Status($"4 generating an archive of {dossiers:N0} dossiers with the decider");
            var watch = Stopwatch.StartNew();
            var history = new ArchiveHistory(store.Options.Serializer(), seed: 2026);
            var manifest = await history.Write(folder, dossiers,
                events => progress.Status($"4 generating an archive of {dossiers:N0} dossiers: {events:N0} events, {events / watch.Elapsed.TotalSeconds:N0}/s"), ct);
            var generated = watch.Elapsed.TotalSeconds;
            var bytes = manifest.Files.Sum(f => f.Bytes);
            progress.Note($"  archive: {dossiers:N0} dossiers, {manifest.Counts.Events:N0} events, {bytes / 1e6:N0} MB in "
                + $"{manifest.Files.Count(f => f.Kind == ArchiveFileKind.Events)} event files, generated in {generated:0.0} s"
                + (history.Refused > 0 ? $" ({history.Refused:N0} commands the decider refused were left out)" : ""));

            var import = new ArchiveImport(store, dataSource);
            var cpuBefore = CpuSnapshot.Take(null, cluster.PostmasterPid);
            var result = await import.Load(folder, line => progress.Status($"4 {line}"), ct);
            var importCpu = ProcStats.Available ? CpuSnapshot.Between(cpuBefore, CpuSnapshot.Take(null, cluster.PostmasterPid)) : null;
            var importRate = result.Events / result.Total.TotalSeconds;
            progress.Note($"  4 archive import: {result.Events:N0} events in {result.Total.TotalSeconds:0.0} s = {importRate:N0} events/s "
                + $"(hashes {result.CheckingFiles.TotalSeconds:0.0} s, COPY {result.Loading.TotalSeconds:0.0} s, chains {result.Verifying.TotalSeconds:0.0} s, "
                + $"commit {result.Committing.TotalSeconds:0.0} s){Cpu(importCpu)}");

            var archive = new ArchiveResults
            {
                Dossiers = dossiers,
                Events = result.Events,
                Streams = result.Streams,
                ArchiveBytes = bytes,
                EventFiles = manifest.Files.Count(f => f.Kind == ArchiveFileKind.Events),
                GenerateSeconds = Math.Round(generated, 2),
                DecisionsRefused = history.Refused,
                ImportSeconds = Math.Round(result.Total.TotalSeconds, 2),
                ImportEventsPerSecond = Math.Round(importRate, 0),
                ImportStages =
                [
                    new("file hashes checked (SHA-256 of every file)", Math.Round(result.CheckingFiles.TotalSeconds, 2)),
                    new("COPY of streams and events, counters, documents", Math.Round(result.Loading.TotalSeconds, 2)),
                    new("every chain verified from the stored rows, Merkle root", Math.Round(result.Verifying.TotalSeconds, 2)),
                    new("commit and analyze", Math.Round(result.Committing.TotalSeconds, 2)),
                ],
                ImportCpu = importCpu,
            };

            if (rawCopy)
            {
                archive = await RawCopy(cluster, connectionString, folder, archive, ct);
            }

            if (rebuild)
            {
                cpuBefore = CpuSnapshot.Take(null, cluster.PostmasterPid);
                watch.Restart();
                var rebuilt = await import.Rebuild(line => progress.Status($"5 {line}"), ct);
                var seconds = watch.Elapsed.TotalSeconds;
                var rebuildCpu = ProcStats.Available ? CpuSnapshot.Between(cpuBefore, CpuSnapshot.Take(null, cluster.PostmasterPid)) : null;
                archive = archive with
                {
                    RebuildSeconds = Math.Round(seconds, 2),
                    RebuildEventsPerSecond = Math.Round(result.Events / seconds, 0),
                    RebuildStages = rebuilt.Select(r => new ArchiveStage($"{r.ProjectionName}: {r.Documents:N0} documents{OnePass(r)}", Math.Round(r.Took.TotalSeconds, 2))).ToList(),
                    RebuildCpu = rebuildCpu,
                    RebuildWrites = await DocumentWrites(connectionString, ct),
                };
                progress.Note($"  5 rebuild of every projection: {result.Events:N0} events in {seconds:0.0} s = {archive.RebuildEventsPerSecond:N0} events/s "
                    + $"({string.Join(", ", rebuilt.Select(r => $"{r.ProjectionName} {r.Took.TotalSeconds:0.0} s{OnePass(r)}"))}){Cpu(rebuildCpu)}; rows written per document: "
                    + string.Join(", ", archive.RebuildWrites.Select(w => $"{w.Table} {w.RowsPerDocument:0.0}")));
            }

            return archive;
        }
        finally
        {
            progress.ClearStatus();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string OnePass(RebuiltReadModel rebuilt) =>
        rebuilt.Path == RebuildPath.StreamByStream ? " (in the one stream-by-stream pass)" : "";

    /// <summary>
    /// The baseline: the very rows the import writes, already encoded (outside the clock), streamed by binary COPY into
    /// a table with mt_events' columns and no index, key or constraint — what PostgreSQL itself needs to take them in.
    /// </summary>
    private static async Task<ArchiveResults> RawCopy(Cluster cluster, string connectionString, string folder, ArchiveResults archive, CancellationToken ct)
    {
        var progress = ConsoleProgress.Instance;
        var rows = Path.Combine(folder, "raw-copy.bin");
        progress.Status("4 baseline: encoding the same rows for a raw COPY (not timed)");
        var archiveFolder = await ArchiveFolder.Open(folder, _ => { }, ct);
        await using (var file = new FileStream(rows, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            ArchiveImport.WriteEventRows(archiveFolder, file, () => { }, ct);
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var create = new NpgsqlCommand($"create table bench_raw_copy (like {StoreSetup.Schema}.mt_events including defaults)", connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        progress.Status($"4 baseline: raw binary COPY of {archive.Events:N0} rows into a bare table");
        var cpuBefore = CpuSnapshot.Take(null, cluster.PostmasterPid);
        var watch = Stopwatch.StartNew();
        long bytes;
        await using (var copy = await connection.BeginRawBinaryCopyAsync($"copy bench_raw_copy ({ArchiveImport.EventColumns}) from stdin (format binary)", ct))
        await using (var source = new FileStream(rows, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan))
        {
            await source.CopyToAsync(copy, 1 << 20, ct);
            bytes = source.Length;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var cpu = ProcStats.Available ? CpuSnapshot.Between(cpuBefore, CpuSnapshot.Take(null, cluster.PostmasterPid)) : null;
        File.Delete(rows);
        var rate = archive.Events / seconds;
        progress.Note($"  4 baseline, raw binary COPY into a bare table: {archive.Events:N0} rows in {seconds:0.0} s = {rate:N0} rows/s "
            + $"({bytes / 1e6:N0} MB){Cpu(cpu)}; import / raw COPY = {archive.ImportEventsPerSecond / rate:0.00}");
        return archive with { RawCopySeconds = Math.Round(seconds, 2), RawCopyRowsPerSecond = Math.Round(rate, 0), RawCopyBytes = bytes, RawCopyCpu = cpu };
    }

    /// <summary>
    /// Rows written to each read model's table since the database was made (inserts and updates, as PostgreSQL's statistics
    /// count them): how often the rebuild wrote each document.
    /// </summary>
    private static async Task<IReadOnlyList<TableWrites>> DocumentWrites(string connectionString, CancellationToken ct)
    {
        // sampling: backends report their table statistics when idle, at most once a second
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"""
             select relname, n_tup_ins + n_tup_upd, n_live_tup from pg_stat_user_tables
             where schemaname = '{StoreSetup.Schema}' and relname in ('mt_doc_dossiersummary', 'mt_doc_dossierfacts', 'mt_doc_dailystatistics')
             order by relname
             """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var writes = new List<TableWrites>();
        while (await reader.ReadAsync(ct))
        {
            writes.Add(new TableWrites(reader.GetString(0), Math.Round(reader.GetInt64(1) / Math.Max(1.0, reader.GetInt64(2)), 2)));
        }

        return writes;
    }

    private static string Cpu(CpuSplit? cpu) =>
        cpu is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; cores: bench {cpu.BenchCores:0.00}, PostgreSQL {cpu.PostgresCores:0.00}, other {cpu.OtherCores:0.00}");
}
