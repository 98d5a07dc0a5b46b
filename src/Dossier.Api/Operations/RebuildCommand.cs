using Dossier.Api.Hosting;
using Dossier.Projections.Rebuilding;
using Marten;

namespace Dossier.Api.Operations;

/// <summary>
/// <c>dotnet Dossier.Api.dll rebuild [--check]</c>: rebuilds every projection from the events with the host's own
/// configuration, without starting the web server. With <c>--check</c> it first lets the live read models catch up and
/// copies them aside, then rebuilds and compares: any difference is printed and the exit code is 1. Run it while no API
/// node runs the async daemon (stop them, or set Projections:DaemonMode=Disabled on them), or the two daemons race.
/// </summary>
public static class RebuildCommand
{
    public const string Verb = "rebuild";
    public const string CheckOption = "--check";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> Run(string[] args, TextWriter output, TextWriter errors, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var options = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && !a.Contains('=', StringComparison.Ordinal)).ToList();
        if (options.Any(o => o is "--help" or "-h"))
        {
            await output.WriteLineAsync("usage: Dossier.Api rebuild [--check] [configuration overrides, e.g. --ConnectionStrings:Dossier=...]");
            return 0;
        }

        var unknown = options.Where(o => o != CheckOption).ToList();
        if (unknown.Count > 0)
        {
            await errors.WriteLineAsync($"rebuild: unknown option {string.Join(", ", unknown)}; see rebuild --help");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(args.Skip(1).Where(a => !options.Contains(a)).ToArray());
        builder.Logging.AddFilter("Marten", LogLevel.Warning).AddFilter("JasperFx", LogLevel.Warning);
        builder.Services.AddDossierEngine(builder.Configuration);
        builder.Services.ConfigureMarten(ProjectionPaging.ForRebuild);
        configure?.Invoke(builder.Services);
        await using var host = builder.Build();
        var store = (DocumentStore)host.Services.GetRequiredService<IDocumentStore>();
        var rebuild = new ReadModelRebuild(store);
        void Progress(string line) => output.WriteLine(line);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        if (!options.Contains(CheckOption))
        {
            var rebuilt = await rebuild.Rebuild(Progress, cancel.Token);
            await output.WriteLineAsync($"rebuilt {rebuilt.Count} projections from the events");
            return 0;
        }

        var check = await rebuild.Check(Progress, cancel.Token);
        foreach (var (type, count) in check.DifferenceCounts)
        {
            await output.WriteLineAsync($"{type}: {(count == 0 ? "identical" : $"{count} documents differ")}");
        }

        if (check.Identical)
        {
            await output.WriteLineAsync("check passed: the rebuilt read models equal the live ones");
            return 0;
        }

        foreach (var difference in check.Differences)
        {
            await errors.WriteLineAsync($"DIFFERENT {difference.DocumentType} {difference.Id} (live → rebuilt)");
            foreach (var change in difference.Changes())
            {
                await errors.WriteLineAsync($"  {change}");
            }
        }

        await errors.WriteLineAsync(
            $"check FAILED: {check.DifferenceCounts.Values.Sum()} documents differ between the live and the rebuilt read models "
            + $"(the first {ReadModelRebuild.ListedDifferences} of each type are listed); the read models now hold the rebuilt documents");
        return 1;
    }
}
