using System.Diagnostics;
using Dossier.Bench.Infrastructure;

namespace Dossier.Bench.Load;

/// <summary>What one measured phase produced.</summary>
public sealed record PhaseResult(
    string Id,
    string Title,
    string Unit,
    int Clients,
    double Seconds,
    long Operations,
    double OperationsPerSecond,
    long Events,
    double EventsPerSecond,
    long Completed,
    LatencyStats Latency,
    IReadOnlyDictionary<string, LatencyStats> LatencyByKind,
    long Errors,
    IReadOnlyList<string> ErrorSamples,
    CpuSplit? Cpu,
    PgPerOperation? Database);

/// <summary>Database work per measured operation.</summary>
/// <param name="WriteTransactionsPerOperation">Transaction ids handed out per operation: transactions that wrote.</param>
/// <param name="ClientRoundTripsPerOperation">Npgsql operations (commands and batches) per operation, in-process phases only.</param>
public sealed record PgPerOperation(double WriteTransactionsPerOperation, double WalBytesPerOperation, double? ClientRoundTripsPerOperation);

/// <summary>The processes whose CPU a phase accounts for, and where to read the database's counters.</summary>
public sealed record Observed(Func<int?> ApiPid, Func<int?> PostmasterPid, string ConnectionString, NpgsqlOperations? ClientOperations);

public sealed record PhaseSpec(string Id, string Title, string Unit, int Clients, double WarmupSeconds, double MeasureSeconds,
    Func<int, LoadRun, Task> Worker, bool ClientRoundTrips = false);

public static class PhaseRunner
{
    public static async Task<PhaseResult> Run(PhaseSpec spec, Observed observed, CancellationToken ct)
    {
        var progress = ConsoleProgress.Instance;
        var run = new LoadRun(spec.Clients);
        var workers = Enumerable.Range(0, spec.Clients).Select(i => Task.Run(() => Guard(spec.Worker, i, run))).ToArray();
        try
        {
            var warmup = Stopwatch.StartNew();
            while (warmup.Elapsed.TotalSeconds < spec.WarmupSeconds && !ct.IsCancellationRequested)
            {
                progress.Status($"{spec.Title}: warming up {warmup.Elapsed.TotalSeconds:0}/{spec.WarmupSeconds:0} s, errors {run.Errors}");
                await Task.Delay(250, ct); // the progress line's refresh interval
            }

            var cpuBefore = CpuSnapshot.Take(observed.ApiPid(), observed.PostmasterPid());
            var pgBefore = await PgCounters.Take(observed.ConnectionString);
            var clientOpsBefore = observed.ClientOperations?.Count ?? 0;
            var measure = Stopwatch.StartNew();
            run.StartRecording();
            while (measure.Elapsed.TotalSeconds < spec.MeasureSeconds)
            {
                ct.ThrowIfCancellationRequested();
                var elapsed = Math.Max(0.001, measure.Elapsed.TotalSeconds);
                progress.Status(
                    $"{spec.Title}: {elapsed:0}/{spec.MeasureSeconds:0} s  {run.Operations / elapsed,8:N0} {spec.Unit}/s  "
                    + $"{run.Events / elapsed,8:N0} events/s  errors {run.Errors}");
                await Task.Delay(Math.Min(250, Math.Max(1, (int)((spec.MeasureSeconds - measure.Elapsed.TotalSeconds) * 1000))), ct);
            }

            run.StopRecording();
            var seconds = measure.Elapsed.TotalSeconds;
            var clientOps = (observed.ClientOperations?.Count ?? 0) - clientOpsBefore;
            var cpuAfter = CpuSnapshot.Take(observed.ApiPid(), observed.PostmasterPid());
            var pgAfter = await PgCounters.Take(observed.ConnectionString);
            run.Stop();
            await Task.WhenAny(Task.WhenAll(workers), Task.Delay(TimeSpan.FromSeconds(30), ct));
            progress.ClearStatus();

            var operations = run.Operations;
            var per = (double)Math.Max(1, operations);
            var db = pgAfter - pgBefore;
            return new PhaseResult(
                spec.Id,
                spec.Title,
                spec.Unit,
                spec.Clients,
                Math.Round(seconds, 2),
                operations,
                Math.Round(operations / seconds, 1),
                run.Events,
                Math.Round(run.Events / seconds, 1),
                run.Completed,
                run.Latency(),
                run.LatencyByKind(),
                run.Errors,
                run.ErrorSamples.ToList(),
                ProcStats.Available ? CpuSnapshot.Between(cpuBefore, cpuAfter) : null,
                new PgPerOperation(
                    Math.Round(db.NextXid / per, 2),
                    Math.Round(db.WalBytes / per, 0),
                    spec.ClientRoundTrips && clientOps > 0 ? Math.Round(clientOps / per, 2) : null));
        }
        finally
        {
            run.Stop();
            progress.ClearStatus();
        }
    }

    private static async Task Guard(Func<int, LoadRun, Task> worker, int index, LoadRun run)
    {
        while (!run.Stopping)
        {
            try
            {
                await worker(index, run);
                return;
            }
            catch (Exception e)
            {
                run.Error($"{e.GetType().Name}: {e.Message}");
                await Task.Delay(50); // back off so a failing API is not hammered in a tight loop
            }
        }
    }
}
