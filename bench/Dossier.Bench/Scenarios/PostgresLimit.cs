using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dossier.Bench.Infrastructure;
using Dossier.Bench.Load;
using Npgsql;
using NpgsqlTypes;

namespace Dossier.Bench.Scenarios;

/// <summary>
/// Scenario 3: the most committed writes this machine does — one single-row INSERT per transaction
/// (autocommit), prepared, each client on its own connection, through Npgsql.
/// </summary>
public static class PostgresLimit
{
    /// <summary>About the size of a stored dossier event's data.</summary>
    public const string Payload =
        """
        {"code":"000.01.21.H08-261127-0001","by":{"personId":"mc-bench","role":"reception","agency":"000.01.21.H08"},
         "at":"2026-11-27T09:00:00+07:00","dueAt":"2026-12-02T17:00:00+07:00","workingDays":3,"documentCount":1,
         "note":"một giao dịch một dòng: mức trần ghi có xác nhận của máy này"}
        """;

    public static async Task Prepare(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("create table if not exists bench_tx(id bigserial primary key, payload jsonb)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static Func<int, LoadRun, Task> Worker(NpgsqlDataSource dataSource) => async (worker, run) =>
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("insert into bench_tx(payload) values ($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = Payload });
        await command.PrepareAsync();
        while (!run.Stopping)
        {
            var start = Stopwatch.GetTimestamp();
            await command.ExecuteNonQueryAsync();
            run.Record(worker, "insert", start, 0);
        }
    };
}

/// <summary>The same single-row insert through pgbench (C client): how much of the limit is the .NET client's CPU.</summary>
public sealed record PgBenchResult(int Clients, double Seconds, double TransactionsPerSecond, double LatencyAverageMs, CpuSplit? Cpu);

public static partial class PgBench
{
    public static string? Binary()
    {
        var dirs = new List<string>();
        if (Environment.GetEnvironmentVariable("DOSSIER_PG_BIN") is { Length: > 0 } bin)
        {
            dirs.Add(bin);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            dirs.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")));
        }

        return dirs.Select(d => Path.Combine(d, "pgbench")).FirstOrDefault(File.Exists);
    }

    public static async Task<PgBenchResult?> Run(string binary, Cluster cluster, int clients, double seconds, CancellationToken ct)
    {
        var script = Path.Combine(Path.GetTempPath(), $"dossier-bench-{Environment.ProcessId}.sql");
        await File.WriteAllTextAsync(script, $"insert into bench_tx(payload) values ('{PostgresLimit.Payload.ReplaceLineEndings(" ")}');\n", ct);
        try
        {
            var before = CpuSnapshot.Take(null, cluster.PostmasterPid);
            var result = await Shell.Run(binary,
                ["-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
                 "-T", Math.Max(1, (int)seconds).ToString(CultureInfo.InvariantCulture), "-f", script,
                 "-h", "127.0.0.1", "-p", cluster.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "dossier"],
                TimeSpan.FromSeconds(seconds + 60));
            var after = CpuSnapshot.Take(null, cluster.PostmasterPid);
            var tps = Tps().Match(result.Output);
            var latency = Latency().Match(result.Output);
            return result.Ok && tps.Success
                ? new PgBenchResult(clients, Math.Max(1, (int)seconds),
                    Math.Round(double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture), 1),
                    latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
                    ProcStats.Available ? CpuSnapshot.Between(before, after) : null)
                : null;
        }
        finally
        {
            File.Delete(script);
        }
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex Latency();
}
