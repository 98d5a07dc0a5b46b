using System.Diagnostics;

namespace Dossier.Api.Tests.Fixtures;

/// <summary>
/// The PostgreSQL the tests run against: the one named by DOSSIER_TEST_CONNECTION (./dossier test
/// starts a throwaway cluster and sets it), or else a throwaway cluster started here the same way.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "DOSSIER_TEST_CONNECTION";

    private static readonly Lazy<string> Shared = new(StartOrFind, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString => Shared.Value;

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
