using System.Globalization;
using Dossier.Api.Hosting;
using Marten;
using Npgsql;

namespace Dossier.Api.Archive;

/// <summary>
/// <c>dotnet Dossier.Api.dll archive export|import &lt;folder&gt;</c> with the host's own configuration, without the web
/// server. Export writes a consistent snapshot of the events and archived documents; import loads one into a database
/// without events, verifies every chain against the manifest's Merkle root, commits, then rebuilds every projection.
/// Progress goes to standard error, the outcome to standard output. Exit codes: 0 done, 1 refused or failed, 2 usage.
/// </summary>
public static class ArchiveCommand
{
    public const string Verb = "archive";
    private const string PartOption = "--part-mb";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Verb;

    public static string Usage =>
        $"""
         usage: Dossier.Api archive export <folder> [{PartOption} N] [configuration overrides]
                Dossier.Api archive import <folder> [configuration overrides]

           export   every event in sequence order, the stream heads and the archived documents, from one snapshot,
                    into NDJSON files and manifest.json (event files of at most N MiB, default {ArchiveWriter.DefaultPartBytes >> 20})
           import   into a database without events: checks every file's SHA-256, loads by COPY in one transaction,
                    verifies every chain and the Merkle root before committing, then rebuilds every projection
           configuration overrides, e.g. --ConnectionStrings:Dossier=Host=...
         """;

    public static async Task<int> Run(string[] args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var rest = args.Skip(1).ToList();
        if (rest.Count == 0 || rest.Any(a => a is "--help" or "-h"))
        {
            await (rest.Count == 0 ? errors : output).WriteLineAsync(Usage);
            return rest.Count == 0 ? 2 : 0;
        }

        var action = rest[0];
        var positional = rest.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var options = rest.Skip(1 + positional.Count).ToList();
        var partBytes = ArchiveWriter.DefaultPartBytes;
        var part = options.IndexOf(PartOption);
        if (part >= 0)
        {
            if (action != "export" || part + 1 >= options.Count || !int.TryParse(options[part + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var mb) || mb < 1)
            {
                await errors.WriteLineAsync($"archive: {PartOption} takes a whole number of MiB, with export only\n\n{Usage}");
                return 2;
            }

            partBytes = (long)mb << 20;
            options.RemoveRange(part, 2);
        }

        var unknown = options.Where(o => !o.Contains('=', StringComparison.Ordinal)).ToList();
        if (action is not ("export" or "import") || positional.Count != 1 || unknown.Count > 0)
        {
            await errors.WriteLineAsync($"archive: expected export or import, one folder and configuration overrides{(unknown.Count > 0 ? $"; unknown option {string.Join(", ", unknown)}" : "")}\n\n{Usage}");
            return 2;
        }

        var folder = Path.GetFullPath(positional[0]);
        var builder = WebApplication.CreateBuilder(options.ToArray());
        builder.Logging.AddFilter("Marten", LogLevel.Warning).AddFilter("JasperFx", LogLevel.Warning);
        builder.Services.AddDossierEngine(builder.Configuration);
        builder.Services.ConfigureMarten(Projections.Rebuilding.ProjectionPaging.ForRebuild);
        await using var host = builder.Build();
        var store = (DocumentStore)host.Services.GetRequiredService<IDocumentStore>();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var keys = host.Services.GetRequiredService<Audit.Signing.AuditKeys>();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        void Progress(string line) => errors.WriteLine(line);

        try
        {
            if (action == "export")
            {
                var manifest = await new ArchiveExport(store, dataSource, host.Services.GetRequiredService<TimeProvider>())
                    .Run(folder, partBytes, Progress, cancel.Token, keys.Signer);
                await output.WriteLineAsync(
                    $"exported {manifest.Counts.Events:N0} events of {manifest.Counts.Streams:N0} streams and {manifest.Counts.Documents:N0} documents "
                    + $"to {folder} ({manifest.Files.Count} files); Merkle root {manifest.MerkleRoot}");
                return 0;
            }

            var import = new ArchiveImport(store, dataSource);
            var result = await import.Load(folder, Progress, cancel.Token, keys);
            await output.WriteLineAsync(
                $"imported {result.Events:N0} events of {result.Streams:N0} streams and {result.Documents:N0} documents from {folder} "
                + $"in {result.Total.TotalSeconds:0.0} s; every chain verifies and the Merkle root matches the manifest");
            try
            {
                var rebuilt = await import.Rebuild(Progress, cancel.Token);
                await output.WriteLineAsync($"rebuilt {rebuilt.Count} projections from the imported events");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await errors.WriteLineAsync(
                    $"archive import: the events are imported and committed, but rebuilding the projections failed: {e.Message}\n"
                    + "Fix the cause and run 'Dossier.Api rebuild' with the same configuration; do not import again (the database now has events).");
                return 1;
            }

            return 0;
        }
        catch (ArchiveException e)
        {
            await errors.WriteLineAsync($"archive {action}: {e.Message}");
            return 1;
        }
    }
}
