using System.Globalization;
using System.Text;
using Dossier.Bench.Load;

namespace Dossier.Bench.Reporting;

/// <summary>
/// Rewrites docs/benchmarks.md from one run's results. The block between the notes markers is
/// written by people (profiling findings) and kept as it is.
/// </summary>
public static class MarkdownReport
{
    public const string NotesBegin = "<!-- notes:begin (kept by ./dossier bench; edit freely) -->";
    public const string NotesEnd = "<!-- notes:end -->";

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static async Task Write(string path, BenchResults r)
    {
        var notes = File.Exists(path) ? ExtractNotes(await File.ReadAllTextAsync(path)) : null;
        await File.WriteAllTextAsync(path, Render(r, notes));
    }

    public static string Render(BenchResults r, string? notes)
    {
        var md = new StringBuilder();
        void L(string line = "") => md.Append(line).Append('\n');

        L("# Benchmarks");
        L();
        L("Throughput, latency and footprint of the dossier engine, measured against this machine's own limits. The machines are");
        L("shared 2-core boxes, so absolute figures are noisy: every goal is a **ratio or a figure measured in the same run**. This");
        L("file is rewritten by `./dossier bench` from `docs/benchmarks.json` (the same run); only the notes block near the end is");
        L("written by hand.");
        L();
        L($"- **Date:** {r.StartedAt:yyyy-MM-dd HH:mm zzz} (run took {(r.FinishedAt - r.StartedAt).TotalMinutes:0.0} min)");
        L($"- **Commit:** {r.Commit}");
        L($"- **Command:** `{r.Command}` ({r.Mode} run; `./dossier bench --quick` is the short one)");
        L($"- **Load average** (1, 5, 15 min) before: {string.Join(" ", r.LoadBefore.Select(F2))}; after: {string.Join(" ", r.LoadAfter.Select(F2))}");
        foreach (var note in r.Notes)
        {
            L($"- **Note:** {note}");
        }

        L();
        L("## Machine and set-up");
        L();
        L("| | |");
        L("|---|---|");
        L($"| CPU | {r.Machine.Cores} cores, {r.Machine.CpuModel} |");
        L($"| memory | {r.Machine.MemoryMib:N0} MiB |");
        L($"| OS | {r.Machine.Os}, kernel {r.Machine.Kernel} |");
        L($"| .NET | {r.Machine.DotNet} |");
        L($"| PostgreSQL | {Get(r.Postgres, "server_version")}; shared_buffers {Get(r.Postgres, "shared_buffers")}, max_connections {Get(r.Postgres, "max_connections")} |");
        L($"| durability | **fsync={Get(r.Postgres, "fsync")}, synchronous_commit={Get(r.Postgres, "synchronous_commit")}, full_page_writes={Get(r.Postgres, "full_page_writes")}** — the throwaway cluster of `scripts/pg.sh throwaway`, as the tests use. This is a property of the bench cluster, not of production; every scenario runs on this same cluster, so the ratios compare like with like. |");
        L($"| API | a separate process, published as a node is deployed (`dotnet publish -c Release -r linux-x64`: ReadyToRun, into `src/Dossier.Api/bin/Release/publish`), Kestrel on 127.0.0.1 and a free port, `ASPNETCORE_ENVIRONMENT=Production`, `Auth__DevTokens=true`, `Catalogue__LoadDemo=true`, `Logging__LogLevel__Default=Warning` |");
        L($"| clients | {r.Clients} concurrent, in the benchmark process (`bench/Dossier.Bench`) on the same machine |");
        L($"| procedures | {string.Join("; ", r.Procedures)} |");
        L($"| phases | warm-up {r.Plan.Warmup:0} s (not counted), lifecycle {r.Plan.Lifecycle:0} s, Marten {r.Plan.Marten:0} s, PostgreSQL limit {r.Plan.Postgres:0} s |");
        L();

        L("## Goals");
        L();
        L("| goal | measured | result | basis |");
        L("|---|---|---|---|");
        foreach (var g in r.Goals)
        {
            L($"| {g.Description} | {g.Measured} | {Verdict(g)} | {g.Basis} |");
        }

        L();
        var http = r.Phase("lifecycle-http");
        var http1 = r.Phase("lifecycle-http-1");
        var limit = Goals.PostgresLimitTps(r);
        var marten = r.Phase("marten-per-command");
        var pipeline = r.Phase("pipeline-in-process");
        var batched = r.Phase("marten-batched");

        L("## Scenario 1 — lifecycle over HTTP");
        L();
        L("Each client takes whole dossiers through the API, alternating a level-3 and a level-4 procedure: submit (citizen, with an");
        L("`Idempotency-Key`) → receive → (level 4: request-payment → pay) → assign → complete-step → approve (leader) → return-result");
        L("→ rate. Every command is a POST with the token of the person who takes it and `If-Match` from the previous response; the");
        L("driver follows `status`, `currentStep` and `permittedActions` from the responses. Latency is measured in the client, from");
        L("sending the request to having read the whole response, for every POST of the measured window.");
        L();
        if (http is null)
        {
            L("Not run in this run.");
        }
        else
        {
            PhaseTable(md, [http, http1]);
            L();
            L("Latency by command (ms):");
            L();
            L("| command | count | p50 | p95 | p99 | max |");
            L("|---|---:|---:|---:|---:|---:|");
            foreach (var (kind, s) in http.LatencyByKind.OrderByDescending(k => k.Value.P50))
            {
                L($"| {kind} | {s.Count:N0} | {F1(s.P50)} | {F1(s.P95)} | {F1(s.P99)} | {F1(s.Max)} |");
            }

            L();
            L($"Dossiers completed in the window: {http.Completed:N0} ({http.Completed / http.Seconds:0.0} per second).");
        }

        L();
        L("## Scenario 2 — Marten direct");
        L();
        L("The same lifecycles without HTTP, in the benchmark process, on the API's own service registrations");
        L("(`AddDossierEngine`, hence `StoreSetup.Configure`: the identical Marten store, inline `DossierSummary` projection, Quick");
        L("append, headers and correlation/causation metadata):");
        L();
        L("- **Marten, one tx per command** — `StartStream` for the filing, then per command a lightweight session, `FetchForWriting`,");
        L("  the decider, `AppendMany`, `SaveChangesAsync`: what the handlers do with Marten, nothing else.");
        L("- **handlers in-process** — `IMediator.Send(FileDossier / ActOnDossier)`, one DI scope per command: the API's pipeline with");
        L("  all its reads (idempotency look-up, catalogue query, code sequence, permitted actions), minus HTTP, JSON and JWT.");
        L("- **Marten, one tx per dossier** — the whole lifecycle decided in memory and appended in one transaction.");
        L();
        if (marten is null && pipeline is null && batched is null)
        {
            L("Not run in this run.");
        }
        else
        {
            PhaseTable(md, [marten, pipeline, batched]);
        }

        L();
        L("## Scenario 3 — PostgreSQL limit");
        L();
        L("`create table bench_tx(id bigserial primary key, payload jsonb)`; each client, on its own connection, commits one prepared");
        L("single-row `INSERT` per transaction (autocommit) through Npgsql, for the same duration and at the same concurrency as");
        L("scenario 1. The full run measures it before and after the other scenarios and uses the mean; pgbench (a C client) does the");
        L("same insert to show how much of the limit is the .NET client's own CPU.");
        L();
        var pg = r.Phases.Where(p => p.Id.StartsWith("postgres-limit", StringComparison.Ordinal)).ToList();
        if (pg.Count == 0)
        {
            L("Not run in this run.");
        }
        else
        {
            PhaseTable(md, pg);
            if (r.PgBench.Count > 0)
            {
                L();
                L("| pgbench (same insert, `-M prepared`) | clients | tx/s | latency avg ms | CPU cores: postgres / other (pgbench) |");
                L("|---|---:|---:|---:|---|");
                foreach (var pb in r.PgBench)
                {
                    L($"| pgbench | {pb.Clients} | {pb.TransactionsPerSecond:N0} | {F2(pb.LatencyAverageMs)} | {(pb.Cpu is { } c ? $"{F2(c.PostgresCores)} / {F2(c.OtherCores)}" : "–")} |");
                }
            }

            if (limit is { } l)
            {
                L();
                L($"PostgreSQL limit used for the ratio: **{l:N0} transactions/s** at {r.Clients} clients.");
            }
        }

        L();
        L("## Scenario 8 — footprint of the API process");
        L();
        if (r.Starts.Count == 0)
        {
            L("Not run in this run.");
        }
        else
        {
            L("| measurement | value |");
            L("|---|---:|");
            foreach (var s in r.Starts)
            {
                L($"| {s.Label}: process start → first 200 of `GET /health/ready` | {s.HealthReadyMs:N0} ms |");
                L($"| {s.Label}: process start → first 200 of an authenticated request | {s.FirstAuthenticatedMs:N0} ms |");
                L($"| {s.Label}: CPU time the process had used by then | {s.CpuMs:N0} ms |");
            }

            if (r.Footprint is { } f)
            {
                L($"| RSS after start (idle) | {f.RssAfterStartKib / 1024.0:N0} MiB |");
                L($"| **peak RSS** (VmHWM after scenario 1) | **{f.PeakRssKib / 1024.0:N0} MiB = {f.PeakRssKib * 1024 / 1e6:N0} MB** |");
                L($"| largest VmRSS sampled every 100 ms during scenario 1 | {f.SampledPeakRssKib / 1024.0:N0} MiB |");
                L($"| RSS at the end of scenario 1 | {f.RssAfterLoadKib / 1024.0:N0} MiB |");
            }

            L();
            L("The first start runs against an empty database: Marten creates the schema and the catalogue is seeded. The goal is judged");
            L("on the restart, which is how a deployed node starts (schema in place); both are shown.");
        }

        L();
        Scenarios.ArchiveReport.Render(md, r);
        L("## Scenario 6 — statistics reads");
        L();
        if (r.Statistics is not { } st)
        {
            L("Not run in this run.");
        }
        else
        {
            L($"**How the data was seeded:** {st.Dossiers:N0} dossier histories filed over two years ({st.HistoryFrom:yyyy-MM-dd} to {st.HistoryUntil:yyyy-MM-dd}),");
            L("each generated event by event with the domain decider on shipped procedures of three units (the property tests'");
            L("`HistoryGenerator`: online and in-person filings, supplements, payments, apologies, refusals, withdrawals, ratings; a dossier");
            L($"is left where it is with a chance of {Scenarios.StatisticsReads.AbandonRate:P1} at each step, against the tests' 4 %, so that the backlog is a");
            L("province's few per cent), folded by the projections' own code (`DossierFacts.Fold`; `DailyContribution.Of` into `DailyStatistics`), and");
            L("the resulting documents bulk-inserted with Marten's `BulkInsertAsync`, then `ANALYZE`. The events themselves are not");
            L("stored: the endpoints read only these read models, and appending a million histories through the store would take most of");
            L($"an hour on this machine. {st.Events:N0} events went into {st.Dossiers:N0} `DossierFacts` ({st.OpenDossiers:N0} still open at the end) and");
            L($"{st.DailyDocuments:N0} `DailyStatistics` documents; generating took {st.GenerateSeconds:0} s and inserting {st.InsertSeconds:0} s.");
            L();
            L($"Then each request over HTTP, one at a time, with a leader's token (all units): {st.Requests / 10:N0} not counted, then {st.Requests:N0} counted");
            L("or as many as 30 s allow (at least 20):");
            L();
            L("| request | count | p50 ms | p95 ms | p99 ms | max ms | response bytes |");
            L("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var read in st.Reads)
            {
                L($"| {read.Label} (`{read.Path.Replace("/api/v1/statistics", "", StringComparison.Ordinal)}`) | {read.Latency.Count:N0} | {F1(read.Latency.P50)} | {F1(read.Latency.P95)} | {F1(read.Latency.P99)} | {F1(read.Latency.Max)} | {read.ResponseBytes:N0} |");
            }
        }

        L();
        L("## Scenario 7 — reminders falling due at once");
        L();
        if (r.Reminders is not { } m)
        {
            L("Not run in this run.");
        }
        else
        {
            L($"{m.Dossiers:N0} dossiers of procedure {r.Procedures.FirstOrDefault()?.Split(' ')[0]} filed online and received through the domain decider (real events, appended with Marten");
            L($"1,000 dossiers per transaction in the benchmark process, {m.SeedSeconds:0} s), all received within that time, so that all");
            L("fall due together. Then the API's development clock (`POST /api/v1/dev/clock`, `Dev__ClockControl=true` on the API process)");
            L($"is moved to {m.MovedTo:yyyy-MM-dd HH:mm} UTC: just after the last of their \"deadline approaching\" reminders fell due, before");
            L("any appointment. The move triggers the Quartz SLA tick; the benchmark counts the seeded dossiers' `reminder-recorded.v1`");
            L("events in `mt_events` every 0.2 s until all that `SlaReminders` says are due are there.");
            L();
            L("| measurement | value |");
            L("|---|---:|");
            L($"| reminders due (from each seeded state) | {m.Expected:N0} |");
            L($"| reminders recorded | {m.Recorded:N0} |");
            L($"| dossiers with a reminder (exactly once: = recorded) | {m.DossiersReminded:N0} |");
            L($"| **clock move → every reminder recorded** | **{(m.Seconds is { } sec ? $"{sec:0.0} s" : $"not within {m.LimitSeconds:0} s")}** |");
            L($"| reminders recorded per second | {m.PerSecond:N0} |");
            if (m.Cpu is { } c)
            {
                L($"| busy cores meanwhile: API + PostgreSQL + other, of {c.Cores} | {F2(c.ApiCores ?? 0)} + {F2(c.PostgresCores)} + {F2(c.OtherCores)} |");
            }
        }

        L();
        L("## Where the time goes");
        L();
        if (limit is { } tps)
        {
            L("Each layer of the write path at the same concurrency, as a share of what PostgreSQL itself commits:");
            L();
            L("| layer | per second | × PostgreSQL limit |");
            L("|---|---:|---:|");
            L($"| PostgreSQL: single-row insert transactions | {tps:N0} tx | 1.000 |");
            if (batched is not null)
            {
                L($"| Marten, one transaction per dossier | {batched.EventsPerSecond:N0} events ({batched.OperationsPerSecond:N0} tx) | {Ratio(batched.EventsPerSecond, tps)} (events) |");
            }

            if (marten is not null)
            {
                L($"| Marten, one transaction per command | {marten.OperationsPerSecond:N0} commands | {Ratio(marten.OperationsPerSecond, tps)} |");
            }

            if (pipeline is not null)
            {
                L($"| API handlers in-process (no HTTP) | {pipeline.OperationsPerSecond:N0} commands | {Ratio(pipeline.OperationsPerSecond, tps)} |");
            }

            if (http is not null)
            {
                L($"| API over HTTP (scenario 1) | {http.OperationsPerSecond:N0} commands | {Ratio(http.OperationsPerSecond, tps)} |");
            }

            L();
        }

        var withCpu = r.Phases.Where(p => p.Cpu is not null && p.OperationsPerSecond > 0).ToList();
        if (withCpu.Count > 0)
        {
            L("CPU per operation, from `/proc/<pid>/stat` of the API process, the benchmark process and every PostgreSQL process");
            L("(postmaster and backends) over the measured window; \"other\" is the rest of the machine's busy time (`/proc/stat`):");
            L("other work on this shared box, pgbench, the kernel.");
            L();
            L("| phase | ops/s | API ms/op | client ms/op | PostgreSQL ms/op | sum ms/op | busy cores (api + client + pg + other) of N |");
            L("|---|---:|---:|---:|---:|---:|---|");
            foreach (var p in withCpu)
            {
                var c = p.Cpu!;
                var perOp = 1000.0 / p.OperationsPerSecond;
                var api = (c.ApiCores ?? 0) * perOp;
                var bench = c.BenchCores * perOp;
                var pgc = c.PostgresCores * perOp;
                L($"| {p.Title} | {p.OperationsPerSecond:N0} | {(c.ApiCores is null || c.ApiCores < 0.01 ? "–" : F2(api))} | {F2(bench)} | {F2(pgc)} | {F2(api + bench + pgc)} | "
                  + $"{F2(c.MachineBusyCores)} = {F2(c.ApiCores ?? 0)} + {F2(c.BenchCores)} + {F2(c.PostgresCores)} + {F2(c.OtherCores)} of {c.Cores} |");
            }

            L();
            L("Database work per operation: transactions that wrote (transaction ids handed out), WAL written, and client round trips");
            L("(Npgsql's own meter: commands and batches sent; measurable in the benchmark process only, so not for the API over HTTP):");
            L();
            L("| phase | write transactions/op | WAL bytes/op | Npgsql round trips/op |");
            L("|---|---:|---:|---:|");
            foreach (var p in r.Phases.Where(p => p.Database is not null))
            {
                var d = p.Database!;
                L($"| {p.Title} | {F2(d.WriteTransactionsPerOperation)} | {d.WalBytesPerOperation:N0} | {(d.ClientRoundTripsPerOperation is { } rt ? F2(rt) : "–")} |");
            }

            L();
        }

        foreach (var profile in r.Statements)
        {
            L($"SQL statements PostgreSQL executed for {profile.Dossiers} whole dossiers ({profile.Commands} commands) of {profile.Label}, from");
            L($"its own log (`log_min_duration_statement = 0` switched on for this probe only, after the measured phases):");
            L($"**{profile.StatementsPerCommand:0.0} statements and {profile.WriteTransactionsPerCommand:0.0} write transactions per command**.");
            L();
            L("| per command | statement (first 110 characters) |");
            L("|---:|---|");
            foreach (var s in profile.Top)
            {
                L($"| {F2(s.PerCommand)} | `{s.Statement.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal)}` |");
            }

            L();
        }

        L("## What limits it");
        L();
        var missed = r.Goals.Where(g => g.Met == false).ToList();
        if (missed.Count == 0)
        {
            L("Every goal measured in this run was met.");
            L();
        }

        foreach (var goal in missed)
        {
            L($"### Missed: {goal.Description} (measured {goal.Measured})");
            L();
            foreach (var line in Evidence(goal, r))
            {
                L(line);
            }

            L();
        }

        L("## Notes from profiling");
        L();
        L(NotesBegin);
        L(string.IsNullOrWhiteSpace(notes) ? "(none yet)" : notes.Trim());
        L(NotesEnd);
        L();
        L("## Running it");
        L();
        L("```sh");
        L("./dossier bench --quick          # every scenario, short phases and smaller data (scenarios 4-7: 5,000 dossiers):");
        L("                                 #   about 1 min 25 s, 2 min 35 s on a fresh clone (build and publish included)");
        L("./dossier bench                  # the full run (about 15 minutes on an idle machine); rewrites this file");
        L("./dossier bench --scenario 3     # one scenario (1 lifecycle over HTTP, 2 Marten direct, 3 PostgreSQL limit,");
        L("                                 #   6 statistics reads, 7 reminders falling due, 8 footprint)");
        L("./dossier bench --scenario 4,5   # archive import and rebuild (100,000 dossiers; with --quick 5,000)");
        L("./dossier bench --no-docs        # results only in bench/results/<timestamp>.json");
        L("```");
        L();
        L("The benchmark starts its own throwaway PostgreSQL (`scripts/pg.sh throwaway`) and the API as a separate process, and");
        L("stops both however it ends (Ctrl-C included). It is not part of `./dossier test`; no test asserts performance.");
        return md.ToString();
    }

    private static IEnumerable<string> Evidence(Goal goal, BenchResults r)
    {
        var http = r.Phase("lifecycle-http");
        var http1 = r.Phase("lifecycle-http-1");
        var pipeline = r.Phase("pipeline-in-process");
        var marten = r.Phase("marten-per-command");
        var pg = r.Phase("postgres-limit");
        var limit = Goals.PostgresLimitTps(r);
        var profile = r.Statements.FirstOrDefault();
        switch (goal.Id)
        {
            case "throughput" when http is not null && limit is { } tps:
                if (http.Cpu is { } c)
                {
                    var perOp = 1000.0 / http.OperationsPerSecond;
                    var total = ((c.ApiCores ?? 0) + c.BenchCores + c.PostgresCores) * perOp;
                    yield return $"- **The machine is CPU-bound.** During scenario 1 the {c.Cores} cores were {c.MachineBusyCores / c.Cores:P0} busy: "
                                 + $"API {F2(c.ApiCores ?? 0)} cores, load generator {F2(c.BenchCores)}, PostgreSQL {F2(c.PostgresCores)}, other {F2(c.OtherCores)}. "
                                 + $"A command costs {F2(total)} ms of CPU in all ({F2((c.ApiCores ?? 0) * perOp)} API, {F2(c.BenchCores * perOp)} client, "
                                 + $"{F2(c.PostgresCores * perOp)} PostgreSQL), so {c.Cores} cores cannot do more than about {c.Cores * 1000 / total:N0} commands/s whatever the concurrency.";
                }

                if (pg?.Cpu is { } pc)
                {
                    var perTx = 1000.0 / pg.OperationsPerSecond;
                    yield return $"- **The baseline is cheap by comparison:** a single-row insert transaction costs {F2(pc.PostgresCores * perTx)} ms of PostgreSQL CPU and "
                                 + $"{F2(pc.BenchCores * perTx)} ms of client CPU ({F2((pc.PostgresCores + pc.BenchCores) * perTx)} ms in all). "
                                 + (http.Cpu is { } hc
                                     ? $"A lifecycle command costs {(hc.PostgresCores * 1000.0 / http.OperationsPerSecond) / Math.Max(1e-9, pc.PostgresCores * perTx):0}× its PostgreSQL CPU and "
                                       + $"the API adds {F2((hc.ApiCores ?? 0) * 1000.0 / http.OperationsPerSecond)} ms on top: the ratio goal asks one command to cost no more than "
                                       + $"{1 / Goals.ThroughputRatio:0.0} insert transactions."
                                     : "");
                }

                if (profile is not null)
                {
                    yield return $"- **Round trips:** PostgreSQL executes {profile.StatementsPerCommand:0.0} statements in {profile.WriteTransactionsPerCommand:0.0} write transactions per API command "
                                 + "(statement profile above), against 1 and 1 for the baseline.";
                }

                if (marten?.Database?.ClientRoundTripsPerOperation is { } mrt && pipeline?.Database?.ClientRoundTripsPerOperation is { } prt)
                {
                    yield return $"- Npgsql counts {F2(mrt)} round trips per command for Marten alone and {F2(prt)} for the API's handlers in-process.";
                }

                if (pipeline is not null)
                {
                    yield return $"- **HTTP and ASP.NET's share:** the same handlers without HTTP do {pipeline.OperationsPerSecond:N0} commands/s ({Ratio(pipeline.OperationsPerSecond, tps)} × the limit); "
                                 + $"over HTTP {http.OperationsPerSecond:N0} ({Ratio(http.OperationsPerSecond, tps)} ×). "
                                 + (marten is not null
                                     ? $"Marten alone, one transaction per command, does {marten.OperationsPerSecond:N0} ({Ratio(marten.OperationsPerSecond, tps)} ×): "
                                       + "the store's own per-command cost already sets the ceiling below the goal."
                                     : "");
                }

                yield return "- Profiling notes 1–3 below: what the connection changes saved, what a command still writes (the async daemon's "
                             + "statistics included), and where the API's CPU goes.";
                break;
            case "p99" when http is not null:
                var mean = http.Latency.Mean;
                var little = http.Clients * 1000.0 / http.OperationsPerSecond;
                yield return $"- **Queueing, by Little's law:** {http.Clients} closed-loop clients at {http.OperationsPerSecond:N0} commands/s must see a mean latency of "
                             + $"{http.Clients} / {http.OperationsPerSecond:N0} = {little:0.0} ms (measured mean {mean:0.0} ms, p50 {http.Latency.P50:0.0}, p99 {http.Latency.P99:0.0}). "
                             + $"With this run's tail (p99 ≈ {http.Latency.P99 / Math.Max(0.01, mean):0.0} × the mean), p99 ≤ {Goals.P99Ms:0} ms at {http.Clients} clients needs about "
                             + $"{http.Clients * 1000.0 / (Goals.P99Ms / Math.Max(1, http.Latency.P99 / Math.Max(0.01, mean))):N0} commands/s: throughput, not a slow path, is what is short.";
                if (http1 is not null)
                {
                    yield return $"- **Without queueing** (1 client) a command takes p50 {http1.Latency.P50:0.0} ms, p99 {http1.Latency.P99:0.0} ms: the service time is far below the goal; "
                                 + $"the 16-client p99 is {http.Latency.P99 / Math.Max(0.01, http1.Latency.P99):0.0}× that, the wait for one of {http.Cpu?.Cores ?? 2} busy cores.";
                }

                var slowest = http.LatencyByKind.OrderByDescending(k => k.Value.P99).FirstOrDefault();
                if (slowest.Value is not null)
                {
                    yield return $"- The slowest command is `{slowest.Key}` (p50 {slowest.Value.P50:0.0} ms, p99 {slowest.Value.P99:0.0} ms).";
                }

                yield return "- Profiling note 5 below.";
                break;
            case "rss" when r.Footprint is { } f:
                yield return $"- Peak RSS {f.PeakRssKib / 1024.0:N0} MiB; after start {f.RssAfterStartKib / 1024.0:N0} MiB; end of scenario 1 {f.RssAfterLoadKib / 1024.0:N0} MiB.";
                yield return "- Profiling note 9 below: what the workstation collector saved, and how the peak grows with the length of the load.";
                break;
            case "import-rate" or "import-ratio" or "rebuild-rate":
                foreach (var line in Scenarios.ArchiveReport.Evidence(goal, r))
                {
                    yield return line;
                }

                break;
            case "start" when r.Starts.Count > 0:
                foreach (var s in r.Starts)
                {
                    yield return $"- {s.Label}: health ready after {s.HealthReadyMs:N0} ms, first authenticated request after {s.FirstAuthenticatedMs:N0} ms, "
                                 + $"having used {s.CpuMs:N0} ms of CPU: on {r.Machine.Cores} cores the start is CPU work (JIT, type loading, the schema check), not waiting.";
                }

                yield return "- Profiling note 4 below: what ReadyToRun and the schema fingerprint save, and what is left (the methods ReadyToRun cannot precompile).";
                break;
            case "reminders" when r.Reminders is { } m:
                if (m.Cpu is { } rc && m.Recorded > 0)
                {
                    var pgMs = rc.PostgresCpuSeconds * 1000 / m.Recorded;
                    var apiMs = rc.ApiCpuSeconds * 1000 / m.Recorded;
                    yield return $"- **PostgreSQL bounds it.** While the sweep ran, PostgreSQL used {F2(rc.PostgresCores)} cores and the API {F2(rc.ApiCores ?? 0)} "
                                 + $"(other work on the machine {F2(rc.OtherCores)}): {F2(pgMs)} ms of PostgreSQL CPU and {F2(apiMs)} ms of API CPU per reminder. "
                                 + $"{Goals.ReminderDossiers:N0} reminders need about {Goals.ReminderDossiers * pgMs / 1000:N0} s of PostgreSQL CPU, so at least "
                                 + $"{Goals.ReminderDossiers * (pgMs + apiMs) / 1000 / rc.Cores:N0} s on {rc.Cores} cores with both kept busy.";
                }

                yield return "- Profiling note 6 below: what each reminder writes and what was cut.";
                break;
            case "statistics" when r.Statistics is { } st:
                foreach (var read in st.Reads)
                {
                    yield return $"- {read.Label}: p50 {read.Latency.P50:0.0} ms, p95 {read.Latency.P95:0.0} ms at {st.Dossiers:N0} dossiers ({st.OpenDossiers:N0} open).";
                }

                yield return "- Profiling note 7 below: what a report reads now and what is left.";
                break;
        }
    }

    private static void PhaseTable(StringBuilder md, IEnumerable<PhaseResult?> phases)
    {
        md.Append("| phase | clients | seconds | ops/s | events/s | p50 ms | p95 ms | p99 ms | max ms | errors |\n");
        md.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var p in phases.OfType<PhaseResult>())
        {
            md.Append(C, $"| {p.Title} ({p.Unit}) | {p.Clients} | {p.Seconds:0} | **{p.OperationsPerSecond:N0}** | {(p.Unit == "tx" ? "–" : p.EventsPerSecond.ToString("N0", C))} | "
                         + $"{F1(p.Latency.P50)} | {F1(p.Latency.P95)} | {F1(p.Latency.P99)} | {F1(p.Latency.Max)} | {p.Errors} |\n");
        }

        foreach (var p in phases.OfType<PhaseResult>().Where(p => p.ErrorSamples.Count > 0))
        {
            md.Append(C, $"\nErrors in {p.Title}, first of {p.Errors}: `{p.ErrorSamples[0].Replace("`", "'", StringComparison.Ordinal)}`\n");
        }
    }

    private static string? ExtractNotes(string existing)
    {
        var begin = existing.IndexOf(NotesBegin, StringComparison.Ordinal);
        var end = existing.IndexOf(NotesEnd, StringComparison.Ordinal);
        return begin >= 0 && end > begin ? existing[(begin + NotesBegin.Length)..end] : null;
    }

    private static string Verdict(Goal g) => g.Met switch
    {
        true => "**met**",
        false => "**missed**",
        null when g.Value is not null => "measured at a smaller size (not judged)",
        null => "not measured",
    };

    private static string Get(IReadOnlyDictionary<string, string> d, string key) => d.TryGetValue(key, out var v) ? v : "?";

    private static string Ratio(double a, double b) => b > 0 ? (a / b).ToString("0.000", C) : "–";

    private static string F1(double v) => v.ToString("0.0", C);

    private static string F2(double v) => v.ToString("0.00", C);
}
