using Dossier.Bench.Infrastructure;
using Dossier.Bench.Load;
using Dossier.Bench.Scenarios;

namespace Dossier.Bench.Reporting;

/// <summary>Everything one run measured; written as bench/results/&lt;timestamp&gt;.json.</summary>
public sealed class BenchResults
{
    public string Tool { get; init; } = "Dossier.Bench";

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset FinishedAt { get; set; }

    public string Command { get; init; } = "";

    public string Mode { get; init; } = "";

    public IReadOnlyList<int> Scenarios { get; init; } = [];

    public int Clients { get; init; }

    public required MachineInfo Machine { get; init; }

    /// <summary>The commit measured (git HEAD, "+ changes" when the work tree differs), or DOSSIER_BENCH_COMMIT.</summary>
    public string Commit { get; init; } = "";

    public double[] LoadBefore { get; init; } = [];

    public double[] LoadAfter { get; set; } = [];

    public IReadOnlyDictionary<string, string> Postgres { get; set; } = new Dictionary<string, string>();

    public required PhasePlan Plan { get; init; }

    public IReadOnlyList<string> Procedures { get; set; } = [];

    public List<StartTiming> Starts { get; init; } = [];

    public Footprint? Footprint { get; set; }

    public List<PhaseResult> Phases { get; init; } = [];

    public List<PgBenchResult> PgBench { get; init; } = [];

    public List<StatementProfile> Statements { get; init; } = [];

    public ArchiveResults? Archive { get; set; }

    public StatisticsResult? Statistics { get; set; }

    public ReminderResult? Reminders { get; set; }

    public List<Goal> Goals { get; init; } = [];

    public List<string> Notes { get; init; } = [];

    public PhaseResult? Phase(string id) => Phases.FirstOrDefault(p => p.Id == id);
}

/// <param name="PeakRssKib">VmHWM of the API process at the end of scenario 1: the kernel's own high-water mark over its life.</param>
/// <param name="SampledPeakRssKib">Largest VmRSS sampled every 100 ms during scenario 1.</param>
public sealed record Footprint(long PeakRssKib, long SampledPeakRssKib, long RssAfterStartKib, long RssAfterLoadKib);

/// <param name="Met">Null when not measured in this run.</param>
public sealed record Goal(string Id, string Description, string Measured, double? Value, string Comparison, double Target, string Unit, bool? Met, string Basis);
