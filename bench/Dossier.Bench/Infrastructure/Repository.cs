namespace Dossier.Bench.Infrastructure;

/// <summary>Paths inside the repository.</summary>
public sealed record Repository(string Root)
{
    public string PgScript => Path.Combine(Root, "scripts", "pg.sh");

    public string ApiProject => Path.Combine(Root, "src", "Dossier.Api", "Dossier.Api.csproj");

    /// <summary>Where the API is published as a node would be deployed: Release, linux-x64, ReadyToRun.</summary>
    public string ApiOutput => Path.Combine(Root, "src", "Dossier.Api", "bin", "Release", "publish");

    public string ApiDll => Path.Combine(ApiOutput, "Dossier.Api.dll");

    public string ApiAppHost => Path.Combine(ApiOutput, "Dossier.Api");

    public string ResultsFolder => Path.Combine(Root, "bench", "results");

    public string DocsMarkdown => Path.Combine(Root, "docs", "benchmarks.md");

    public string DocsJson => Path.Combine(Root, "docs", "benchmarks.json");

    public static Repository Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Dossier.slnx")))
                {
                    return new Repository(dir.FullName);
                }
            }
        }

        throw new InvalidOperationException("Run the benchmark inside the repository (no Dossier.slnx found above the current folder).");
    }

    /// <summary>The commit being measured: DOSSIER_BENCH_COMMIT, else git's HEAD (read only) and whether src/ has changes.</summary>
    public string Commit()
    {
        if (Environment.GetEnvironmentVariable("DOSSIER_BENCH_COMMIT") is { Length: > 0 } named)
        {
            return named;
        }

        try
        {
            var head = Shell.Run("git", ["-C", Root, "rev-parse", "--short", "HEAD"], TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            if (!head.Ok)
            {
                return "unknown";
            }

            var status = Shell.Run("git", ["--no-optional-locks", "-C", Root, "status", "--porcelain", "--", "src"], TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            return head.Output.Trim() + (status.Ok && status.Output.Trim().Length > 0 ? " + uncommitted changes in src/" : "");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException or InvalidOperationException)
        {
            return "unknown";
        }
    }

    /// <summary>The newest source file the API's Release build depends on.</summary>
    public DateTime NewestApiSource()
    {
        var newest = DateTime.MinValue;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "src"), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Root, file);
            if (relative.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || relative.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            if (file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".json", StringComparison.Ordinal)
                || file.EndsWith(".csproj", StringComparison.Ordinal))
            {
                var time = File.GetLastWriteTimeUtc(file);
                if (time > newest)
                {
                    newest = time;
                }
            }
        }

        foreach (var props in new[] { "Directory.Build.props", "Directory.Packages.props" })
        {
            var path = Path.Combine(Root, props);
            if (File.Exists(path) && File.GetLastWriteTimeUtc(path) > newest)
            {
                newest = File.GetLastWriteTimeUtc(path);
            }
        }

        return newest;
    }
}
