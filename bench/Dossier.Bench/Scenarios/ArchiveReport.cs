using System.Globalization;
using System.Text;
using Dossier.Bench.Reporting;

namespace Dossier.Bench.Scenarios;

/// <summary>The goals of scenarios 4 and 5, and their section of docs/benchmarks.md.</summary>
public static class ArchiveReport
{
    public const double ImportEventsPerSecond = 50_000;
    public const double ImportRatio = 0.25;
    public const double RebuildEventsPerSecond = 30_000;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Evaluate(BenchResults r)
    {
        var a = r.Archive;
        var size = a is null ? "" : $"{a.Dossiers:N0} dossiers, {a.Events:N0} events";
        // Rates over a smaller archive carry the fixed costs (re-creating keys, the commit) over fewer events, so they
        // are reported but judged only at the goal's size, either way.
        var fullSize = a is not null && a.Dossiers >= ArchiveImportScenario.FullDossiers;
        bool? Judged(bool met) => fullSize ? met : null;
        var sizeNote = a is null || fullSize ? "" : $" — **{a.Dossiers:N0} dossiers, not the goal's {ArchiveImportScenario.FullDossiers:N0}**";
        r.Goals.Add(a is null
            ? NotMeasured("import-rate", "archive import ≥ 50,000 events/s", "≥", ImportEventsPerSecond, "events/s", "needs scenario 4")
            : new Goal("import-rate", "archive import ≥ 50,000 events/s", $"{a.ImportEventsPerSecond:N0} events/s{sizeNote}", a.ImportEventsPerSecond, "≥",
                ImportEventsPerSecond, "events/s", Judged(a.ImportEventsPerSecond >= ImportEventsPerSecond),
                $"scenario 4, {size}: files hashed, COPY, every chain verified, commit"));
        r.Goals.Add(a?.Ratio is { } ratio
            ? new Goal("import-ratio", "archive import ≥ 0.25 × raw binary COPY of the same rows",
                $"{a.ImportEventsPerSecond:N0} / {a.RawCopyRowsPerSecond:N0} = {ratio:0.00}{sizeNote}", Math.Round(ratio, 3), "≥", ImportRatio, "ratio",
                Judged(ratio >= ImportRatio), $"scenario 4 vs its raw COPY into a bare table with mt_events' columns, same run, {size}")
            : NotMeasured("import-ratio", "archive import ≥ 0.25 × raw binary COPY of the same rows", "≥", ImportRatio, "ratio", "needs scenario 4"));
        r.Goals.Add(a?.RebuildEventsPerSecond is { } rebuild
            ? new Goal("rebuild-rate", "rebuild of every projection ≥ 30,000 events/s", $"{rebuild:N0} events/s{sizeNote}", rebuild, "≥", RebuildEventsPerSecond,
                "events/s", Judged(rebuild >= RebuildEventsPerSecond), $"scenario 5 over scenario 4's import, {size}")
            : NotMeasured("rebuild-rate", "rebuild of every projection ≥ 30,000 events/s", "≥", RebuildEventsPerSecond, "events/s", "needs scenario 5"));
    }

    /// <summary>The section "Scenarios 4 and 5" of docs/benchmarks.md.</summary>
    public static void Render(StringBuilder md, BenchResults r)
    {
        void L(string line = "") => md.Append(line).Append('\n');
        L("## Scenarios 4 and 5 — archive import and rebuild");
        L();
        L("An archive of dossiers filed over a year on every shipped procedure, each event decided by the domain's decider and sealed");
        L("onto its stream's hash chain, is written with the archive writer (`src/Dossier.Api/Archive`), then imported in the benchmark");
        L("process by the same code as `dotnet Dossier.Api.dll archive import` into a new database of the bench cluster: every file's");
        L("SHA-256 checked, streams and events loaded by binary COPY into Marten's tables in one transaction, every chain verified from");
        L("the stored rows and the Merkle root compared before the commit. The baseline streams the very same event rows, encoded");
        L("beforehand, by binary COPY into a table with `mt_events`' columns and no index or constraint. Scenario 5 then rebuilds every");
        L("projection (`DossierSummary` inline, `DossierFacts` and `DailyStatistics` async) as the `rebuild` verb does.");
        L();
        if (r.Archive is not { } a)
        {
            L("Not run in this run.");
            L();
            return;
        }

        L($"Archive: **{a.Dossiers:N0} dossiers, {a.Events:N0} events** of {a.Streams:N0} streams, {a.ArchiveBytes / 1e6:N0} MB of NDJSON in {a.EventFiles} event file{(a.EventFiles == 1 ? "" : "s")}, generated in {a.GenerateSeconds:0.0} s"
          + (r.Mode == "quick" ? $" (`--quick` generates {ArchiveImportScenario.QuickDossiers:N0} dossiers; the full run {ArchiveImportScenario.FullDossiers:N0})." : "."));
        L();
        L("| phase | seconds | rows or events/s | CPU cores: bench process / PostgreSQL / other |");
        L("|---|---:|---:|---|");
        L($"| 4 archive import (events) | {a.ImportSeconds:0.0} | **{a.ImportEventsPerSecond:N0}** | {Cpu(a.ImportCpu)} |");
        foreach (var stage in a.ImportStages)
        {
            L($"| &nbsp;&nbsp;{stage.Name} | {stage.Seconds:0.0} | | |");
        }

        if (a.RawCopyRowsPerSecond is { } raw)
        {
            L($"| 4 baseline: raw binary COPY, bare table (rows) | {a.RawCopySeconds:0.0} | **{raw:N0}** | {Cpu(a.RawCopyCpu)} |");
        }

        if (a.RebuildEventsPerSecond is { } rebuild)
        {
            L($"| 5 rebuild of every projection (events) | {a.RebuildSeconds:0.0} | **{rebuild:N0}** | {Cpu(a.RebuildCpu)} |");
            foreach (var stage in a.RebuildStages)
            {
                L($"| &nbsp;&nbsp;{stage.Name} | {stage.Seconds:0.0} | | |");
            }
        }

        L();
        if (a.Ratio is { } ratio)
        {
            L($"Import ÷ raw COPY: **{ratio.ToString("0.00", C)}**.");
            L();
        }
    }

    /// <summary>Evidence for a missed goal of scenarios 4 and 5, from the same run's stage times and CPU split.</summary>
    public static IEnumerable<string> Evidence(Goal goal, BenchResults r)
    {
        if (r.Archive is not { } a)
        {
            yield break;
        }

        if (goal.Id is "import-rate" or "import-ratio")
        {
            var slowest = a.ImportStages.OrderByDescending(s => s.Seconds).First();
            yield return $"- The slowest stage of the import is {slowest.Name}: {slowest.Seconds:0.0} of {a.ImportSeconds:0.0} s.";
            if (a.ImportCpu is { } c)
            {
                yield return $"- CPU per event, which the machine's other load does not change: the import's client side (the bench process) "
                             + $"{PerEvent(c.BenchCpuSeconds, a.Events)}, PostgreSQL {PerEvent(c.PostgresCpuSeconds, a.Events)}"
                             + (a.RawCopyCpu is { } raw ? $"; the raw COPY costs PostgreSQL {PerEvent(raw.PostgresCpuSeconds, a.Events)} per row." : ".")
                             + $" Other work on the machine took {c.OtherCores:0.00} of its {c.Cores} cores during the import.";
            }
        }
        else if (goal.Id == "rebuild-rate")
        {
            foreach (var stage in a.RebuildStages)
            {
                yield return $"- {stage.Name}: {stage.Seconds:0.0} s.";
            }

            if (a.RebuildWrites.Count > 0)
            {
                yield return "- Rows written per document during the rebuild (PostgreSQL's table statistics): "
                             + string.Join(", ", a.RebuildWrites.Select(w => string.Create(C, $"`{w.Table}` {w.RowsPerDocument:0.0}"))) + ".";
            }

            if (a.RebuildCpu is { } c)
            {
                yield return $"- CPU per event: Marten's daemon (the bench process) {PerEvent(c.BenchCpuSeconds, a.Events)}, PostgreSQL "
                             + $"{PerEvent(c.PostgresCpuSeconds, a.Events)}; {RebuildEventsPerSecond:N0} events/s on {c.Cores} cores allows "
                             + $"{c.Cores * 1e6 / RebuildEventsPerSecond:0} µs in all. Other work on the machine took {c.OtherCores:0.00} cores.";
            }
        }

        yield return "- Profiling notes on scenarios 4 and 5 below.";
    }

    private static string PerEvent(double cpuSeconds, long events) => string.Create(C, $"{cpuSeconds * 1e6 / Math.Max(1, events):0} µs");

    private static string Cpu(Infrastructure.CpuSplit? c) =>
        c is null ? "–" : string.Create(C, $"{c.BenchCores:0.00} / {c.PostgresCores:0.00} / {c.OtherCores:0.00}");

    private static Goal NotMeasured(string id, string description, string comparison, double target, string unit, string why) =>
        new(id, description, "not measured", null, comparison, target, unit, null, why);
}
