using System.Globalization;

namespace Dossier.Bench.Reporting;

/// <summary>The goals, each a figure or ratio measured in the same run.</summary>
public static class Goals
{
    public const double ThroughputRatio = 0.35;
    public const double P99Ms = 25;
    public const double PeakRssMb = 250;
    public const double StartMs = 2000;

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
    }

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
