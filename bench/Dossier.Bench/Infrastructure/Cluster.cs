using System.Globalization;
using Npgsql;

namespace Dossier.Bench.Infrastructure;

/// <summary>A throwaway PostgreSQL cluster made by scripts/pg.sh, exactly as the tests make theirs (fsync off).</summary>
public sealed class Cluster
{
    private readonly Repository repository;
    private int destroyed;

    private Cluster(Repository repository, string dataDir, string connectionString)
    {
        this.repository = repository;
        DataDir = dataDir;
        ConnectionString = connectionString;
    }

    public string DataDir { get; }

    public string ConnectionString { get; }

    public string LogFile => Path.Combine(DataDir, "log", "server.log");

    public static async Task<Cluster> Create(Repository repository)
    {
        var made = await Shell.Run("bash", [repository.PgScript, "throwaway"], TimeSpan.FromMinutes(3));
        if (!made.Ok)
        {
            throw new InvalidOperationException($"scripts/pg.sh throwaway failed:\n{made.Errors}");
        }

        var dataDir = made.Output.Trim().Split('\n').Last().Trim();
        var url = await Shell.Run("bash", [repository.PgScript, "url", dataDir], TimeSpan.FromSeconds(30));
        if (!url.Ok)
        {
            Shell.RunQuietly("bash", repository.PgScript, "destroy", dataDir);
            throw new InvalidOperationException($"scripts/pg.sh url failed:\n{url.Errors}");
        }

        return new Cluster(repository, dataDir, url.Output.Trim());
    }

    /// <summary>The postmaster's process id, from postmaster.pid.</summary>
    public int? PostmasterPid
    {
        get
        {
            try
            {
                var first = File.ReadLines(Path.Combine(DataDir, "postmaster.pid")).FirstOrDefault();
                return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    public int Port => new NpgsqlConnectionStringBuilder(ConnectionString).Port;

    public async Task<IReadOnlyDictionary<string, string>> Settings()
    {
        var names = new[] { "server_version", "fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "max_connections", "wal_level" };
        var result = new Dictionary<string, string>();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"show {name}", connection);
            result[name] = (string)(await command.ExecuteScalarAsync())!;
        }

        return result;
    }

    /// <summary>Stops the cluster and deletes its folder; safe to call more than once and from any thread.</summary>
    public void Destroy()
    {
        if (Interlocked.Exchange(ref destroyed, 1) == 0)
        {
            Shell.RunQuietly("bash", repository.PgScript, "destroy", DataDir);
        }
    }
}
