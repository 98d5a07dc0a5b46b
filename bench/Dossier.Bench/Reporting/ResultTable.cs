using Dossier.Bench.Load;
using Spectre.Console;

namespace Dossier.Bench.Reporting;

/// <summary>The final tables on the console.</summary>
public static class ResultTable
{
    public static void Print(BenchResults r)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 160;
        }

        var phases = new Table().Border(TableBorder.Rounded).Title($"[bold]Dossier benchmark — {r.Mode}, {r.StartedAt:yyyy-MM-dd HH:mm}[/]");
        phases.AddColumns("phase", "clients", "s", "ops/s", "events/s", "p50 ms", "p95 ms", "p99 ms", "errors", "CPU api/bench/pg/other");
        foreach (var column in phases.Columns.Skip(1))
        {
            column.RightAligned();
        }

        foreach (var p in r.Phases)
        {
            phases.AddRow(
                Markup.Escape($"{p.Title} ({p.Unit})"),
                p.Clients.ToString(Invariant),
                p.Seconds.ToString("0", Invariant),
                p.OperationsPerSecond.ToString("N0", Invariant),
                p.Unit == "tx" ? "–" : p.EventsPerSecond.ToString("N0", Invariant),
                p.Latency.P50.ToString("0.0", Invariant),
                p.Latency.P95.ToString("0.0", Invariant),
                p.Latency.P99.ToString("0.0", Invariant),
                p.Errors == 0 ? "0" : $"[red]{p.Errors}[/]",
                Cpu(p));
        }

        foreach (var pb in r.PgBench)
        {
            phases.AddRow($"3 pgbench (C client, tx)", pb.Clients.ToString(Invariant), pb.Seconds.ToString("0", Invariant),
                pb.TransactionsPerSecond.ToString("N0", Invariant), "–", "–", "–", "–", "0",
                pb.Cpu is { } c ? $"–/–/{c.PostgresCores:0.00}/{c.OtherCores:0.00}" : "");
        }

        console.Write(phases);

        var foot = new Table().Border(TableBorder.Rounded).Title("[bold]8 footprint of the API process[/]");
        foot.AddColumns("measurement", "value");
        foreach (var s in r.Starts)
        {
            foot.AddRow(Markup.Escape($"{s.Label}: start → /health/ready 200"), $"{s.HealthReadyMs:N0} ms");
            foot.AddRow(Markup.Escape($"{s.Label}: start → first authenticated 200"), $"{s.FirstAuthenticatedMs:N0} ms ({s.CpuMs:N0} ms CPU)");
        }

        if (r.Footprint is { } f)
        {
            foot.AddRow("RSS after start", $"{f.RssAfterStartKib / 1024.0:N0} MiB");
            foot.AddRow("peak RSS during scenario 1 (VmHWM)", $"{f.PeakRssKib / 1024.0:N0} MiB ({f.PeakRssKib * 1024 / 1e6:N0} MB)");
            foot.AddRow("largest sampled VmRSS (100 ms)", $"{f.SampledPeakRssKib / 1024.0:N0} MiB");
        }

        console.Write(foot);

        if (r.Statistics is { } st)
        {
            var reads = new Table().Border(TableBorder.Rounded)
                .Title(Markup.Escape($"6 statistics reads at {st.Dossiers:N0} dossiers ({st.OpenDossiers:N0} open), one request at a time"));
            reads.AddColumns("request", "count", "p50 ms", "p95 ms", "p99 ms", "max ms");
            foreach (var read in st.Reads)
            {
                reads.AddRow(Markup.Escape(read.Label), read.Latency.Count.ToString(Invariant), read.Latency.P50.ToString("0.0", Invariant),
                    read.Latency.P95.ToString("0.0", Invariant), read.Latency.P99.ToString("0.0", Invariant), read.Latency.Max.ToString("0.0", Invariant));
            }

            console.Write(reads);
        }

        if (r.Reminders is { } m)
        {
            console.MarkupLine(Markup.Escape(
                $"7 reminders: {m.Dossiers:N0} open dossiers; {m.Recorded:N0} of {m.Expected:N0} reminders recorded "
                + (m.Seconds is { } s ? $"{s:0.0} s after the clock moved ({m.PerSecond:N0}/s)" : $"— not all within {m.LimitSeconds:0} s")
                + $"; {m.DossiersReminded:N0} dossiers reminded"));
        }

        var goals = new Table().Border(TableBorder.Rounded).Title("[bold]Goals (ratios within this run)[/]");
        goals.AddColumns("goal", "measured", "result");
        foreach (var g in r.Goals)
        {
            goals.AddRow(Markup.Escape(g.Description), Markup.Escape(g.Measured),
                g.Met switch
                {
                    true => "[green]met[/]",
                    false => "[red]missed[/]",
                    null when g.Value is not null => "[grey]smaller size, not judged[/]",
                    null => "[grey]not measured[/]",
                });
        }

        console.Write(goals);
    }

    private static string Cpu(PhaseResult p) =>
        p.Cpu is { } c ? $"{c.ApiCores ?? 0:0.00}/{c.BenchCores:0.00}/{c.PostgresCores:0.00}/{c.OtherCores:0.00}" : "";

    private static readonly IFormatProvider Invariant = System.Globalization.CultureInfo.InvariantCulture;
}
