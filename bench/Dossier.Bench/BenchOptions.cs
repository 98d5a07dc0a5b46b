using System.Globalization;

namespace Dossier.Bench;

/// <summary>Command-line options of <c>./dossier bench</c>.</summary>
public sealed record BenchOptions
{
    public static readonly int[] Known = [1, 2, 3, 4, 5, 6, 7, 8];

    public bool Quick { get; init; }

    public IReadOnlySet<int> Scenarios { get; init; } = new HashSet<int>(Known);

    public int Clients { get; init; } = 16;

    public double? Seconds { get; init; }

    /// <summary>Scenario 7's open dossiers falling due at once (default: 100,000 full, 10,000 quick).</summary>
    public int? ReminderDossiers { get; init; }

    /// <summary>Scenario 6's dossiers in the statistics read models (default: 1,000,000 full, 5,000 quick).</summary>
    public int? StatisticsDossiers { get; init; }

    public bool WriteDocs { get; init; } = true;

    public bool Help { get; init; }

    /// <summary>Dossiers in scenario 4's archive; default 100,000 (10,000 with --quick).</summary>
    public int? ArchiveDossiers { get; init; }

    /// <summary>Rewrite docs/benchmarks.md from an earlier results file without measuring (after editing the notes).</summary>
    public string? RenderFrom { get; init; }

    /// <summary>Experiment: appended to the connection string of the API and of scenario 2 (e.g. "No Reset On Close=true").</summary>
    public string? NpgsqlOptions { get; init; }

    /// <summary>Experiment: extra environment variables for the API process (e.g. DOTNET_gcServer=0).</summary>
    public IReadOnlyDictionary<string, string> ApiEnvironment { get; init; } = new Dictionary<string, string>();

    public bool IsExperiment => NpgsqlOptions is not null || ApiEnvironment.Count > 0;

    public bool Runs(int scenario) => Scenarios.Contains(scenario);

    /// <summary>Every scenario but 3 needs the API process (for 2, its deployment creates the schema and the catalogue).</summary>
    public bool NeedsApi => Scenarios.Any(s => s != 3);

    public static string Usage =>
        """
        ./dossier bench [--quick] [--scenario N]... [--clients N] [--seconds S] [--no-docs]

          --quick          short phases and smaller data (about 1 min 25 s with the API published; 2 min 35 s on a fresh clone)
          --scenario N     run only scenario N (1 lifecycle over HTTP, 2 Marten direct, 3 PostgreSQL limit,
                           4 archive import, 5 rebuild, 6 statistics reads, 7 reminders falling due,
                           8 footprint); repeat or comma-separate for several
          --archive-dossiers N     dossiers in the archive of scenarios 4 and 5 (default 100000; quick 5000)
          --reminder-dossiers N    scenario 7's open dossiers (default 100000; quick 5000)
          --statistics-dossiers N  scenario 6's dossiers (default 1000000; quick 5000)
          --clients N      concurrent clients (default 16)
          --seconds S      length of each main measured phase (default: 8 quick, 60 full)
          --no-docs        do not rewrite docs/benchmarks.md and docs/benchmarks.json
          --npgsql "K=V"   experiment: append to the connection string of the API and scenario 2
          --api-env K=V    experiment: set an environment variable of the API process (repeatable)
          --render FILE    only rewrite docs/benchmarks.md from an earlier results JSON

        Results: bench/results/<timestamp>.json; docs/benchmarks.md is rewritten from them.
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        HashSet<int>? scenarios = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            switch (arg)
            {
                case "--quick" or "-q":
                    options = options with { Quick = true };
                    break;
                case "--scenario" or "-s":
                    scenarios ??= [];
                    foreach (var part in Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var n = int.Parse(part, CultureInfo.InvariantCulture);
                        if (!Known.Contains(n))
                        {
                            throw new ArgumentException($"There is no scenario {n}; known: {string.Join(", ", Known)}.");
                        }

                        scenarios.Add(n);
                    }

                    break;
                case "--clients" or "-c":
                    options = options with { Clients = Math.Max(1, int.Parse(Value(), CultureInfo.InvariantCulture)) };
                    break;
                case "--seconds":
                    options = options with { Seconds = Math.Max(1, double.Parse(Value(), CultureInfo.InvariantCulture)) };
                    break;
                case "--archive-dossiers":
                    options = options with { ArchiveDossiers = Math.Max(1, int.Parse(Value(), CultureInfo.InvariantCulture)) };
                    break;
                case "--reminder-dossiers":
                    options = options with { ReminderDossiers = Math.Max(1, int.Parse(Value(), CultureInfo.InvariantCulture)) };
                    break;
                case "--statistics-dossiers":
                    options = options with { StatisticsDossiers = Math.Max(1, int.Parse(Value(), CultureInfo.InvariantCulture)) };
                    break;
                case "--no-docs":
                    options = options with { WriteDocs = false };
                    break;
                case "--npgsql":
                    options = options with { NpgsqlOptions = Value() };
                    break;
                case "--api-env":
                    var pair = Value().Split('=', 2);
                    options = options with
                    {
                        ApiEnvironment = new Dictionary<string, string>(options.ApiEnvironment) { [pair[0]] = pair.Length > 1 ? pair[1] : "" },
                    };
                    break;
                case "--render":
                    options = options with { RenderFrom = Value() };
                    break;
                case "--help" or "-h":
                    options = options with { Help = true };
                    break;
                default:
                    throw new ArgumentException($"Unknown argument {arg}.");
            }
        }

        return scenarios is null ? options : options with { Scenarios = scenarios };
    }
}

/// <summary>How long each phase runs, in seconds.</summary>
public sealed record PhasePlan(
    double Warmup,
    double Lifecycle,
    double LifecycleSingle,
    double Marten,
    double MartenBatched,
    double Postgres,
    double PostgresSingle,
    double PgBench,
    bool PostgresAgainAtEnd,
    int ProbeDossiers,
    int ReminderDossiers,
    double ReminderLimitSeconds,
    int StatisticsDossiers,
    int StatisticsRequests)
{
    public static PhasePlan For(BenchOptions options)
    {
        var plan = options.Quick
            ? new PhasePlan(Warmup: 3, Lifecycle: 8, LifecycleSingle: 0, Marten: 4, MartenBatched: 3, Postgres: 4, PostgresSingle: 3,
                PgBench: 0, PostgresAgainAtEnd: false, ProbeDossiers: 4,
                ReminderDossiers: 5_000, ReminderLimitSeconds: 120, StatisticsDossiers: 5_000, StatisticsRequests: 60)
            : new PhasePlan(Warmup: 20, Lifecycle: 60, LifecycleSingle: 20, Marten: 30, MartenBatched: 20, Postgres: 30, PostgresSingle: 15,
                PgBench: 15, PostgresAgainAtEnd: true, ProbeDossiers: 10,
                ReminderDossiers: 100_000, ReminderLimitSeconds: 300, StatisticsDossiers: 1_000_000, StatisticsRequests: 200);
        plan = plan with
        {
            ReminderDossiers = options.ReminderDossiers ?? plan.ReminderDossiers,
            StatisticsDossiers = options.StatisticsDossiers ?? plan.StatisticsDossiers,
        };
        if (options.Seconds is { } s)
        {
            var k = s / plan.Lifecycle;
            plan = plan with
            {
                Lifecycle = s,
                LifecycleSingle = plan.LifecycleSingle * k,
                Marten = plan.Marten * k,
                MartenBatched = plan.MartenBatched * k,
                Postgres = plan.Postgres * k,
                PostgresSingle = plan.PostgresSingle * k,
                PgBench = plan.PgBench * k,
            };
        }

        return plan;
    }
}
