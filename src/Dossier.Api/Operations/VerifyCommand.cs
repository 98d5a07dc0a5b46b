using Dossier.Api.Audit.Signing;
using Dossier.Api.Audit.Verifying;
using Dossier.Api.Hosting;
using Npgsql;

namespace Dossier.Api.Operations;

/// <summary>
/// <c>dotnet Dossier.Api.dll verify</c>: verifies the whole store with the host's own configuration, without starting
/// the web server (see <see cref="StoreVerification"/>). Progress goes to the error stream, the findings and a
/// summary to the output. Exit code 0 when everything holds, 1 when something does not, 2 for a usage error.
/// Only public keys are needed: Audit:TrustedKeys, or the signing key's own.
/// </summary>
public static class VerifyCommand
{
    public const string Verb = "verify";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> Run(string[] args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var options = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && !a.Contains('=', StringComparison.Ordinal)).ToList();
        if (options.Any(o => o is "--help" or "-h"))
        {
            await output.WriteLineAsync("usage: Dossier.Api verify [configuration overrides, e.g. --ConnectionStrings:Dossier=... --Audit:TrustedKeys:0=<PEM>]");
            return 0;
        }

        if (options.Count > 0)
        {
            await errors.WriteLineAsync($"verify: unknown option {string.Join(", ", options)}; see verify --help");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(args.Skip(1).ToArray());
        builder.Logging.AddFilter("Marten", LogLevel.Warning).AddFilter("JasperFx", LogLevel.Warning);
        builder.Services.AddDossierEngine(builder.Configuration);
        await using var host = builder.Build();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var progress = new VerifyProgress(errors, live: ReferenceEquals(errors, Console.Error) && !Console.IsErrorRedirected, TimeProvider.System);
        VerificationReport report;
        try
        {
            report = await StoreVerification.Run(
                host.Services.GetRequiredService<NpgsqlDataSource>(), host.Services.GetRequiredService<AuditKeys>(), progress.Done, cancel.Token);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            await errors.WriteLineAsync($"verify: {e.MessageText}; start the API once against this database to create its schema");
            return 2;
        }

        progress.Finish();
        await Write(report, host.Services.GetRequiredService<AuditKeys>(), output);
        return report.Holds ? 0 : 1;
    }

    private static async Task Write(VerificationReport report, AuditKeys keys, TextWriter output)
    {
        foreach (var problem in report.CheckpointProblems)
        {
            await output.WriteLineAsync($"CHECKPOINT {problem}");
        }

        foreach (var broken in report.Broken)
        {
            await output.WriteLineAsync($"BROKEN {broken.Stream} at version {broken.Version}: {broken.Reason}");
        }

        await output.WriteLineAsync($"{report.Streams} streams, {report.Events} events read; {report.Checkpoints} checkpoints");
        await output.WriteLineAsync(keys.TrustedKeyIds.Count == 0
            ? "trusted keys: none (set Audit:TrustedKeys or Audit:SigningKey)"
            : $"trusted keys: {string.Join(", ", keys.TrustedKeyIds)}");
        if (report.Latest is { Statement: var latest })
        {
            await output.WriteLineAsync(
                $"checked against checkpoint {latest.Sequence} of {latest.TakenAt:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} "
                + $"({latest.Streams} streams, {latest.Events} events, root {latest.Root}, key {latest.KeyId})");
        }
        else
        {
            await output.WriteLineAsync("no checkpoint yet: the chains were checked against themselves only");
        }

        await output.WriteLineAsync(!report.Holds
            ? $"verify FAILED: {report.Broken.Count} streams broken, {report.CheckpointProblems.Count} checkpoint problems"
            : report.Latest is null
                ? "verify passed: every chain holds"
                : "verify passed: every chain holds and matches the latest checkpoint, every checkpoint is signed by a trusted key and the latest root is recomputed from its heads");
    }
}

/// <summary>
/// Streams and events done and the rate, on one line rewritten in place when a person watches, or a line every
/// ten seconds when the error stream goes to a file.
/// </summary>
public sealed class VerifyProgress(TextWriter errors, bool live, TimeProvider time)
{
    private readonly long started = time.GetTimestamp();
    private readonly TimeSpan every = live ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(10);
    private TimeSpan shown;
    private long streams;
    private long events;

    public void Done(long streamsDone, long eventsDone)
    {
        streams = streamsDone;
        events = eventsDone;
        var elapsed = time.GetElapsedTime(started);
        if (elapsed - shown >= every)
        {
            shown = elapsed;
            Show(elapsed, final: false);
        }
    }

    public void Finish() => Show(time.GetElapsedTime(started), final: true);

    private void Show(TimeSpan elapsed, bool final)
    {
        var rate = elapsed.TotalSeconds > 0 ? events / elapsed.TotalSeconds : 0;
        var line = FormattableString.Invariant($"verify: {streams:N0} streams, {events:N0} events, {rate:N0} events/s, {elapsed.TotalSeconds:N1} s");
        if (live)
        {
            errors.Write($"\r{line}\u001b[K{(final ? Environment.NewLine : "")}");
        }
        else
        {
            errors.WriteLine(line);
        }

        errors.Flush();
    }
}
