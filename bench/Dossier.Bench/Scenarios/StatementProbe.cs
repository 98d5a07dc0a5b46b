using System.Text;
using System.Text.RegularExpressions;
using Dossier.Bench.Infrastructure;
using Dossier.Bench.Load;
using Npgsql;

namespace Dossier.Bench.Scenarios;

public sealed record StatementCount(string Statement, long Count, double PerCommand);

/// <summary>Every SQL statement PostgreSQL executed for a few whole dossiers, from its own log.</summary>
public sealed record StatementProfile(
    string Label,
    long Dossiers,
    long Commands,
    long Statements,
    double StatementsPerCommand,
    double WriteTransactionsPerCommand,
    IReadOnlyList<StatementCount> Top);

/// <summary>
/// Turns on log_min_duration_statement = 0 (a reload, no restart) for a short sequential run, then
/// reads back the server log: which statements, how many per command. Runs after the measured
/// phases, so the logging costs none of them anything.
/// </summary>
public static partial class StatementProbe
{
    public static async Task<StatementProfile?> Run(Cluster cluster, string label, Func<LoadRun, Task> work)
    {
        if (!File.Exists(cluster.LogFile))
        {
            return null;
        }

        await Execute(cluster.ConnectionString, "alter system set log_min_duration_statement = 0", "select pg_reload_conf()");
        // pg_reload_conf only signals the server; give the backends a moment to pick the setting up.
        await Task.Delay(500);
        long offset;
        PgCounters before;
        PgCounters after;
        var run = new LoadRun(1);
        try
        {
            offset = new FileInfo(cluster.LogFile).Length;
            before = await PgCounters.Take(cluster.ConnectionString);
            run.StartRecording();
            await work(run);
            run.StopRecording();
            after = await PgCounters.Take(cluster.ConnectionString);
        }
        finally
        {
            await Execute(cluster.ConnectionString, "alter system reset log_min_duration_statement", "select pg_reload_conf()");
        }

        // The logging collector writes asynchronously; let it flush before the log is read.
        await Task.Delay(1000);
        var statements = Read(cluster.LogFile, offset);
        var commands = Math.Max(1, run.Operations);
        var top = statements
            .GroupBy(s => s)
            .Select(g => new StatementCount(g.Key, g.LongCount(), Math.Round(g.LongCount() / (double)commands, 2)))
            .OrderByDescending(s => s.Count)
            .ThenBy(s => s.Statement, StringComparer.Ordinal)
            .Take(25)
            .ToList();
        return new StatementProfile(label, run.Completed, run.Operations, statements.Count,
            Math.Round(statements.Count / (double)commands, 2),
            Math.Round((after - before).NextXid / (double)commands, 2),
            top);
    }

    private static List<string> Read(string logFile, long offset)
    {
        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var entries = new List<StringBuilder>();
        while (reader.ReadLine() is { } line)
        {
            if (EntryStart().IsMatch(line) || entries.Count == 0)
            {
                entries.Add(new StringBuilder(line));
            }
            else
            {
                entries[^1].Append(' ').Append(line.Trim());
            }
        }

        var result = new List<string>();
        foreach (var entry in entries.Select(e => e.ToString()))
        {
            var match = Executed().Match(entry);
            if (!match.Success)
            {
                continue;
            }

            var sql = Whitespace().Replace(match.Groups[1].Value, " ").Trim();
            if (sql.Contains("pg_snapshot_xmax", StringComparison.Ordinal) || sql.Contains("pg_stat_clear_snapshot", StringComparison.Ordinal)
                || sql.Contains("pg_reload_conf", StringComparison.Ordinal) || sql.StartsWith("alter system", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            result.Add(sql.Length > 110 ? sql[..110] + "…" : sql);
        }

        return result;
    }

    private static async Task Execute(string connectionString, params string[] sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in sql)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")]
    private static partial Regex EntryStart();

    /// <summary>"duration: 0.1 ms  execute &lt;unnamed&gt;: SQL" (extended protocol) or "statement: SQL" (simple); parse and bind are not executions.</summary>
    [GeneratedRegex(@"duration: [0-9.]+ ms  (?:execute [^:]*|statement): (.*)$")]
    private static partial Regex Executed();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
