namespace Dossier.Bench.Load;

/// <summary>Percentiles of a set of latencies (milliseconds), by nearest rank over all samples.</summary>
public sealed record LatencyStats(long Count, double Mean, double P50, double P90, double P95, double P99, double P999, double Max)
{
    public static readonly LatencyStats Empty = new(0, 0, 0, 0, 0, 0, 0, 0);

    public static LatencyStats Of(IEnumerable<double> samples)
    {
        var sorted = samples.ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        Array.Sort(sorted);
        return new LatencyStats(
            sorted.Length,
            Round(sorted.Average()),
            Round(Rank(sorted, 0.50)),
            Round(Rank(sorted, 0.90)),
            Round(Rank(sorted, 0.95)),
            Round(Rank(sorted, 0.99)),
            Round(Rank(sorted, 0.999)),
            Round(sorted[^1]));
    }

    private static double Rank(double[] sorted, double quantile)
    {
        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static double Round(double ms) => Math.Round(ms, 2);
}
