using System.Diagnostics;
using Npgsql;

namespace Dossier.Tests.Shared;

/// <summary>
/// The PostgreSQL the tests run against: the one named by DOSSIER_TEST_CONNECTION (./dossier test starts a throwaway
/// cluster and sets it), or else a throwaway cluster started here the same way. Tests that count "all dossiers"
/// take a database of their own in it. Linked into every test project that needs PostgreSQL.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "DOSSIER_TEST_CONNECTION";

    private static readonly Lazy<string> Shared = new(StartOrFind, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString => Shared.Value;

    /// <summary>Creates an empty database named after <paramref name="purpose"/> and returns its connection string.</summary>
    public static string CreateDatabase(string purpose)
    {
        var safe = new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());
        var name = $"test_{safe}_{Guid.NewGuid():N}";
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"create database \"{name}\"", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    private static string StartOrFind()
    {
        var named = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            return named;
        }

        var script = Path.Combine(RepositoryRoot(), "scripts", "pg.sh");
        var dataDir = Run(script, "throwaway").Trim();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run(script, $"stop {dataDir}");
            Directory.Delete(dataDir, recursive: true);
        };
        return Run(script, $"url {dataDir}").Trim();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dossier.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Set {Variable}, or run the tests inside the repository.");
    }

    private static string Run(string script, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", $"{script} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{script} {arguments} failed ({process.ExitCode}): {errors}");
    }
}
