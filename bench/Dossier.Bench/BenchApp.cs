using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Bench.Infrastructure;
using Dossier.Bench.Load;
using Dossier.Bench.Reporting;
using Dossier.Bench.Scenarios;
using Npgsql;

namespace Dossier.Bench;

/// <summary>
/// Starts a throwaway PostgreSQL and the API as a separate process, runs the scenarios, prints a
/// table, writes bench/results/&lt;timestamp&gt;.json and rewrites docs/benchmarks.md.
/// </summary>
public static class BenchApp
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine($"dossier bench: {e.Message}\n\n{BenchOptions.Usage}");
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        var repository = Repository.Find();
        if (options.RenderFrom is { } earlier)
        {
            var loaded = JsonSerializer.Deserialize<BenchResults>(await File.ReadAllTextAsync(earlier), Json)
                ?? throw new InvalidOperationException($"{earlier} holds no results.");
            await MarkdownReport.Write(repository.DocsMarkdown, loaded);
            Console.WriteLine($"Rewrote {Path.GetRelativePath(repository.Root, repository.DocsMarkdown)} from {earlier}");
            return 0;
        }

        using var cts = new CancellationTokenSource();
        var cleanup = new Cleanup();
        var interrupts = 0;
        Console.CancelKeyPress += (_, e) =>
        {
            if (Interlocked.Increment(ref interrupts) == 1)
            {
                e.Cancel = true;
                ConsoleProgress.Instance.Note("Interrupted: stopping the API and deleting the cluster (Ctrl-C again to quit at once).");
                cts.Cancel();
            }
            else
            {
                cleanup.Run();
            }
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cleanup.Run();
        // kill / a closed terminal: stop as for a first Ctrl-C, so that the finally below still cleans up
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Interrupt);
        using var onHup = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGHUP, Interrupt);

        void Interrupt(System.Runtime.InteropServices.PosixSignalContext context)
        {
            context.Cancel = true;
            if (Interlocked.Increment(ref interrupts) == 1)
            {
                ConsoleProgress.Instance.Note($"{context.Signal}: stopping the API and deleting the cluster.");
                cts.Cancel();
            }
            else
            {
                cleanup.Run();
                Environment.Exit(143);
            }
        }

        var plan = PhasePlan.For(options);
        var results = new BenchResults
        {
            StartedAt = DateTimeOffset.Now,
            Command = "./dossier bench" + (args.Length > 0 ? " " + string.Join(' ', args) : ""),
            Mode = options.Quick ? "quick" : "full",
            Scenarios = options.Scenarios.Order().ToList(),
            Clients = options.Clients,
            Machine = MachineInfo.Read(),
            Commit = repository.Commit(),
            LoadBefore = ProcStats.LoadAverage(),
            Plan = plan,
        };

        var progress = ConsoleProgress.Instance;
        progress.Note($"Dossier benchmark ({results.Mode}), scenarios {string.Join(", ", results.Scenarios)}, {options.Clients} clients; "
            + $"{results.Machine.Cores} cores, load {string.Join(' ', results.LoadBefore)}");
        try
        {
            await Run(options, plan, repository, results, cleanup, cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            progress.Note("Cancelled; nothing written.");
            return 130;
        }
        catch (Exception e)
        {
            progress.Note($"The benchmark failed: {e}");
            if (cleanup.Api is { } failedApi)
            {
                progress.Note($"The API process {(failedApi.HasExited ? "had exited" : "was running")}; its last output:\n{failedApi.RecentOutput}");
            }
            return 1;
        }
        finally
        {
            progress.Status("cleaning up: stopping the API, deleting the cluster");
            cleanup.Run();
            progress.ClearStatus();
        }

        results.FinishedAt = DateTimeOffset.Now;
        results.LoadAfter = ProcStats.LoadAverage();
        Goals.Evaluate(results);

        Directory.CreateDirectory(repository.ResultsFolder);
        var file = Path.Combine(repository.ResultsFolder, $"{results.StartedAt:yyyyMMdd-HHmmss}.json");
        var json = JsonSerializer.Serialize(results, Json);
        await File.WriteAllTextAsync(file, json);
        ResultTable.Print(results);
        progress.Note($"Results: {Path.GetRelativePath(repository.Root, file)}");
        if (options.WriteDocs)
        {
            await File.WriteAllTextAsync(repository.DocsJson, json);
            await MarkdownReport.Write(repository.DocsMarkdown, results);
            progress.Note($"Rewrote {Path.GetRelativePath(repository.Root, repository.DocsMarkdown)} and {Path.GetRelativePath(repository.Root, repository.DocsJson)}");
        }

        return results.Phases.Any(p => p.Errors > 0) || results.Reminders is { ExactlyOnce: false } ? 3 : 0;
    }

    private static async Task Run(BenchOptions options, PhasePlan plan, Repository repository, BenchResults results, Cleanup cleanup,
        CancellationToken ct)
    {
        var progress = ConsoleProgress.Instance;
        var procedures = new[] { BenchProcedure.Load(BenchProcedure.DefaultLevel3), BenchProcedure.Load(BenchProcedure.DefaultLevel4) };
        results.Procedures = procedures
            .Select(p => $"{p.Code} (level {(int)p.Procedure.Level}, {p.Procedure.Steps.Count} steps, {p.CommandsPerDossier} commands per dossier)")
            .ToList();

        if (options.NeedsApi)
        {
            await EnsureApiPublished(repository, results, ct);
        }

        progress.Status("starting a throwaway PostgreSQL (scripts/pg.sh throwaway)");
        var cluster = await Cluster.Create(repository);
        cleanup.Cluster = cluster;
        results.Postgres = await cluster.Settings();
        progress.Note($"PostgreSQL {results.Postgres["server_version"]} at 127.0.0.1:{cluster.Port}: fsync={results.Postgres["fsync"]}, "
            + $"synchronous_commit={results.Postgres["synchronous_commit"]}, full_page_writes={results.Postgres["full_page_writes"]}");

        var appConnection = options.NpgsqlOptions is { } extra ? $"{cluster.ConnectionString};{extra}" : cluster.ConnectionString;
        if (options.IsExperiment)
        {
            results.Notes.Add("Experiment run: "
                + string.Join("; ", new[]
                    {
                        options.NpgsqlOptions is { } n ? $"connection string + \"{n}\"" : null,
                    }
                    .Concat(options.ApiEnvironment.Select(e => $"API environment {e.Key}={e.Value}")).OfType<string>())
                + ". Not the project's configuration.");
        }

        // scenario 7 moves the API's clock: the development clock endpoint, in the Production environment otherwise measured
        var apiEnvironment = options.Runs(7)
            ? new Dictionary<string, string>(options.ApiEnvironment) { ["Dev__ClockControl"] = "true" }
            : options.ApiEnvironment;
        ApiProcess? api = null;
        using var clientOperations = new NpgsqlOperations();
        var observed = new Observed(() => api?.Pid, () => cluster.PostmasterPid, cluster.ConnectionString, clientOperations);

        if (options.NeedsApi)
        {
            progress.Status("starting the API on an empty database (creates the schema, seeds the catalogue)");
            var (first, cold) = await ApiProcess.Start(repository, appConnection, "first start, empty database", apiEnvironment, ct);
            cleanup.Api = first;
            results.Starts.Add(cold);
            first.Stop();
            progress.Note($"API first start (empty database): health ready {cold.HealthReadyMs:N0} ms, first authenticated request {cold.FirstAuthenticatedMs:N0} ms ({cold.CpuMs:N0} ms CPU)");

            progress.Status("restarting the API (schema in place)");
            var (second, warm) = await ApiProcess.Start(repository, appConnection, "restart, schema in place", apiEnvironment, ct);
            api = second;
            cleanup.Api = second;
            results.Starts.Add(warm);
            progress.Note($"API restart: health ready {warm.HealthReadyMs:N0} ms, first authenticated request {warm.FirstAuthenticatedMs:N0} ms ({warm.CpuMs:N0} ms CPU), "
                + $"RSS {warm.RssAfterStartKib / 1024.0:N0} MiB (pid {second.Pid}, {second.BaseUrl})");
        }

        await using var dataSource = new NpgsqlDataSourceBuilder(cluster.ConnectionString).Build();
        if (options.Runs(3))
        {
            await PostgresLimit.Prepare(cluster.ConnectionString);
            await Phase(results, new PhaseSpec("postgres-limit", "3 PostgreSQL limit", "tx", options.Clients, 2, plan.Postgres,
                PostgresLimit.Worker(dataSource), ClientRoundTrips: true), observed, ct);
            await Phase(results, new PhaseSpec("postgres-limit-1", "3 PostgreSQL limit, 1 client", "tx", 1, 1, plan.PostgresSingle,
                PostgresLimit.Worker(dataSource), ClientRoundTrips: true), observed, ct);
            if (plan.PgBench > 0 && PgBench.Binary() is { } pgbench)
            {
                foreach (var clients in new[] { options.Clients, 1 })
                {
                    progress.Status($"3 pgbench, {clients} client(s), {plan.PgBench:0} s");
                    if (await PgBench.Run(pgbench, cluster, clients, plan.PgBench, ct) is { } pb)
                    {
                        results.PgBench.Add(pb);
                        progress.Note($"  pgbench {clients,2} client(s): {pb.TransactionsPerSecond,9:N0} tx/s");
                    }
                }
            }
        }

        if ((options.Runs(1) || options.Runs(8)) && api is not null)
        {
            using var lifecycle = await HttpLifecycle.Create(api.BaseUrl, procedures, options.Clients);
            api.Sampling(true);
            var rssBefore = api.Memory()?.Rss ?? 0;
            await Phase(results, new PhaseSpec("lifecycle-http", "1 lifecycle over HTTP", "cmd", options.Clients, plan.Warmup, plan.Lifecycle,
                lifecycle.Worker), observed, ct);
            var memory = api.Memory() ?? (0, 0);
            results.Footprint = new Footprint(memory.Hwm, Math.Max(api.SampledPeakRssKib, memory.Rss), rssBefore, memory.Rss);
            api.Sampling(false);
            progress.Note($"  API memory: peak RSS (VmHWM) {memory.Hwm / 1024.0:N0} MiB, sampled peak {results.Footprint.SampledPeakRssKib / 1024.0:N0} MiB");

            if (plan.LifecycleSingle > 0)
            {
                await Phase(results, new PhaseSpec("lifecycle-http-1", "1 lifecycle over HTTP, 1 client", "cmd", 1, 2, plan.LifecycleSingle,
                    lifecycle.Worker), observed, ct);
            }

            progress.Status("statement profile: a few dossiers over HTTP with statement logging on");
            if (await StatementProbe.Run(cluster, "lifecycle over HTTP (the API's handlers)", run => lifecycle.Dossiers(plan.ProbeDossiers, run))
                is { } profile)
            {
                results.Statements.Add(profile);
                progress.Note($"  statement profile: {profile.StatementsPerCommand:0.0} SQL statements, {profile.WriteTransactionsPerCommand:0.0} write transactions per command");
            }
        }

        if (options.Runs(2))
        {
            await using var direct = await MartenDirect.Create(appConnection, procedures);
            var warm = Math.Max(2, plan.Warmup / 2);
            await Phase(results, new PhaseSpec("marten-per-command", "2 Marten, one tx per command", "cmd", options.Clients, warm, plan.Marten,
                direct.PerCommandWorker, ClientRoundTrips: true), observed, ct);
            await Phase(results, new PhaseSpec("pipeline-in-process", "2 handlers in-process, no HTTP", "cmd", options.Clients, warm, plan.Marten,
                direct.PipelineWorker, ClientRoundTrips: true), observed, ct);
            await Phase(results, new PhaseSpec("marten-batched", "2 Marten, one tx per dossier", "dossier", options.Clients, warm, plan.MartenBatched,
                direct.BatchedWorker, ClientRoundTrips: true), observed, ct);
        }

        if (options.Runs(4) || options.Runs(5))
        {
            results.Archive = await ArchiveImportScenario.Run(cluster,
                options.ArchiveDossiers ?? (options.Quick ? ArchiveImportScenario.QuickDossiers : ArchiveImportScenario.FullDossiers),
                rawCopy: options.Runs(4), rebuild: options.Runs(5), ct);
        }

        if (options.Runs(6) && api is not null)
        {
            progress.Status($"6 statistics: generating {plan.StatisticsDossiers:N0} dossier histories");
            results.Statistics = await StatisticsReads.Run(appConnection, api.BaseUrl, plan.StatisticsDossiers, plan.StatisticsRequests, ct);
        }

        if (options.Runs(3) && plan.PostgresAgainAtEnd)
        {
            await Phase(results, new PhaseSpec("postgres-limit-again", "3 PostgreSQL limit (again)", "tx", options.Clients, 2, plan.Postgres,
                PostgresLimit.Worker(dataSource), ClientRoundTrips: true), observed, ct);
        }

        // last: it moves the API's clock, and leaves open dossiers that every later SLA tick sweeps again
        if (options.Runs(7) && api is not null)
        {
            progress.Status($"7 reminders: seeding {plan.ReminderDossiers:N0} open dossiers");
            var reminders = results.Reminders = await Reminders.Run(appConnection, api.BaseUrl, observed, procedures, plan.ReminderDossiers,
                plan.ReminderLimitSeconds, ct);
            progress.Note(reminders.Seconds is { } s
                ? $"  7 reminders: {reminders.Recorded:N0} of {reminders.Expected:N0} recorded {s:0.0} s after the clock moved ({reminders.PerSecond:N0}/s), "
                  + $"{reminders.DossiersReminded:N0} dossiers"
                : $"  7 reminders: only {reminders.Recorded:N0} of {reminders.Expected:N0} recorded within {reminders.LimitSeconds:0} s; the API said:\n{api.RecentOutput}");
        }
    }

    private static async Task Phase(BenchResults results, PhaseSpec spec, Observed observed, CancellationToken ct)
    {
        var result = await PhaseRunner.Run(spec, observed, ct);
        results.Phases.Add(result);
        var cpu = result.Cpu is { } c
            ? $"  cpu: api {c.ApiCores ?? 0:0.00} bench {c.BenchCores:0.00} pg {c.PostgresCores:0.00} other {c.OtherCores:0.00} of {c.Cores}"
            : "";
        ConsoleProgress.Instance.Note(
            $"  {spec.Title,-36} {result.OperationsPerSecond,9:N0} {spec.Unit}/s {result.EventsPerSecond,9:N0} ev/s  "
            + $"p50 {result.Latency.P50,6:0.0} p99 {result.Latency.P99,6:0.0} ms  errors {result.Errors}{cpu}");
        foreach (var sample in result.ErrorSamples.Take(3))
        {
            ConsoleProgress.Instance.Note($"    error: {sample}");
        }
    }

    /// <summary>Publishes the API as it is deployed (ReadyToRun, ADR 0020) when a source is newer than the published DLL.</summary>
    private static async Task EnsureApiPublished(Repository repository, BenchResults results, CancellationToken ct)
    {
        var dll = repository.ApiDll;
        if (File.Exists(dll) && File.GetLastWriteTimeUtc(dll) >= repository.NewestApiSource())
        {
            return;
        }

        ConsoleProgress.Instance.Status("publishing the API (dotnet publish -c Release -r linux-x64, ReadyToRun)");
        var publish = await Shell.Run("dotnet",
            ["publish", repository.ApiProject, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-o", repository.ApiOutput, "-nologo", "-v", "quiet"],
            TimeSpan.FromMinutes(15), repository.Root);
        ct.ThrowIfCancellationRequested();
        if (!publish.Ok)
        {
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"dotnet publish of the API failed:\n{publish.Output}\n{publish.Errors}");
            }

            results.Notes.Add("The API's Release publish failed (sources changed during the run?); the previous one was measured.");
            ConsoleProgress.Instance.Note("warning: the API publish failed; measuring the previous one");
        }
    }

    /// <summary>Stops what the run started, once, whichever way the run ends.</summary>
    private sealed class Cleanup
    {
        private readonly Lock gate = new();

        public ApiProcess? Api { get; set; }

        public Cluster? Cluster { get; set; }

        public void Run()
        {
            lock (gate)
            {
                Api?.Stop();
                Cluster?.Destroy();
            }
        }
    }
}
