using System.Globalization;

namespace Dossier.Bench.Reporting;

/// <summary>The goals, each a figure or ratio measured in the same run.</summary>
public static class Goals
{
    public const double ThroughputRatio = 0.35;
    public const double P99Ms = 25;
    public const double PeakRssMb = 250;
    public const double StartMs = 2000;
    public const double ReminderSeconds = 60;
    public const int ReminderDossiers = 100_000;
    public const double StatisticsP95Ms = 20;
    public const int StatisticsDossiers = 1_000_000;

    public static void Evaluate(BenchResults r)
    {
        var lifecycle = r.Phase("lifecycle-http");
        var limit = PostgresLimitTps(r);
        if (lifecycle is not null && limit is { } tps)
        {
            var ratio = lifecycle.OperationsPerSecond / tps;
            r.Goals.Add(new Goal("throughput", "lifecycle commands/s ≥ 0.35 × PostgreSQL-limit transactions/s",
                $"{lifecycle.OperationsPerSecond:N0} / {tps:N0} = {ratio:0.000}", Math.Round(ratio, 3), "≥", ThroughputRatio, "ratio",
                ratio >= ThroughputRatio, $"scenario 1 vs scenario 3, both at {lifecycle.Clients} clients in this run"));
        }
        else
        {
            r.Goals.Add(NotMeasured("throughput", "lifecycle commands/s ≥ 0.35 × PostgreSQL-limit transactions/s", "≥", ThroughputRatio, "ratio",
                "needs scenarios 1 and 3 in the same run"));
        }

        if (lifecycle is not null)
        {
            r.Goals.Add(new Goal("p99", "lifecycle command latency p99 ≤ 25 ms", $"{lifecycle.Latency.P99:0.0} ms", lifecycle.Latency.P99, "≤", P99Ms, "ms",
                lifecycle.Latency.P99 <= P99Ms, $"every POST of scenario 1, {lifecycle.Clients} clients"));
        }
        else
        {
            r.Goals.Add(NotMeasured("p99", "lifecycle command latency p99 ≤ 25 ms", "≤", P99Ms, "ms", "needs scenario 1"));
        }

        if (r.Footprint is { } footprint)
        {
            var mb = Math.Round(footprint.PeakRssKib * 1024 / 1e6, 1);
            r.Goals.Add(new Goal("rss", "API peak RSS ≤ 250 MB", $"{mb:0.0} MB ({footprint.PeakRssKib / 1024.0:0.0} MiB)", mb, "≤", PeakRssMb, "MB",
                mb <= PeakRssMb, "VmHWM of the API process after scenario 1 (1 MB = 10^6 bytes)"));
        }
        else
        {
            r.Goals.Add(NotMeasured("rss", "API peak RSS ≤ 250 MB", "≤", PeakRssMb, "MB", "needs scenario 1 or 8"));
        }

        var restart = r.Starts.LastOrDefault();
        if (restart is not null)
        {
            r.Goals.Add(new Goal("start", "start to first request ≤ 2 s",
                $"{restart.FirstAuthenticatedMs / 1000:0.00} s (health ready {restart.HealthReadyMs / 1000:0.00} s)",
                Math.Round(restart.FirstAuthenticatedMs), "≤", StartMs, "ms", restart.FirstAuthenticatedMs <= StartMs,
                $"{restart.Label}: process start to the first 200 of an authenticated request"));
        }
        else
        {
            r.Goals.Add(NotMeasured("start", "start to first request ≤ 2 s", "≤", StartMs, "ms", "needs the API process (scenario 1, 2 or 8)"));
        }

        Scenarios.ArchiveReport.Evaluate(r);
        EvaluateScenarios6And7(r);
    }

    private static void EvaluateScenarios6And7(BenchResults r)
    {
        const string RemindersGoal = "100,000 reminders falling due at once recorded within 60 s, exactly once";
        if (r.Reminders is { } m)
        {
            var size = m.Dossiers == ReminderDossiers ? "" : $" — **{m.Dossiers:N0} dossiers, not the goal's {ReminderDossiers:N0}**";
            r.Goals.Add(new Goal("reminders", RemindersGoal,
                (m.Seconds is { } s ? $"{s:0.0} s" : $"not all within {m.LimitSeconds:0} s")
                + $" ({m.Recorded:N0} recorded of {m.Expected:N0} due, {m.DossiersReminded:N0} dossiers){size}",
                m.Seconds, "≤", ReminderSeconds, "s", AtSize(m.Seconds <= ReminderSeconds && m.ExactlyOnce, m.Dossiers >= ReminderDossiers),
                "scenario 7: clock moved past the seeded dossiers' \"deadline approaching\" time; reminder-recorded.v1 events counted in the store"));
        }
        else
        {
            r.Goals.Add(NotMeasured("reminders", RemindersGoal, "≤", ReminderSeconds, "s", "needs scenario 7"));
        }

        const string StatisticsGoal = "statistics report and indicators p95 ≤ 20 ms at 1,000,000 dossiers";
        if (r.Statistics is { Reads.Count: > 0 } st)
        {
            var worst = st.Reads.MaxBy(x => x.Latency.P95)!;
            var size = st.Dossiers == StatisticsDossiers ? "" : $" — **{st.Dossiers:N0} dossiers, not the goal's {StatisticsDossiers:N0}**";
            var met = worst.Latency.P95 <= StatisticsP95Ms;
            r.Goals.Add(new Goal("statistics", StatisticsGoal, $"{worst.Latency.P95:0.0} ms ({worst.Label}){size}", worst.Latency.P95, "≤",
                StatisticsP95Ms, "ms", AtSize(met, st.Dossiers >= StatisticsDossiers),
                "scenario 6: the slowest p95 of report and indicators, current month and last year, over HTTP, one request at a time"));
        }
        else
        {
            r.Goals.Add(NotMeasured("statistics", StatisticsGoal, "≤", StatisticsP95Ms, "ms", "needs scenario 6"));
        }
    }

    /// <summary>A miss is a miss at any size; a pass on less data than the goal names is not judged (null).</summary>
    private static bool? AtSize(bool passed, bool fullSize) => passed ? (fullSize ? true : null) : false;

    /// <summary>The PostgreSQL limit at the lifecycle's concurrency: the mean of the runs before and after, when there are two.</summary>
    public static double? PostgresLimitTps(BenchResults r)
    {
        var runs = r.Phases.Where(p => p.Id is "postgres-limit" or "postgres-limit-again").Select(p => p.OperationsPerSecond).ToList();
        return runs.Count == 0 ? null : Math.Round(runs.Average(), 1);
    }

    public static string Format(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static Goal NotMeasured(string id, string description, string comparison, double target, string unit, string why) =>
        new(id, description, "not measured", null, comparison, target, unit, null, why);
}
