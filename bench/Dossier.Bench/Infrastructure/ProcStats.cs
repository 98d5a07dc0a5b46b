using System.Globalization;

namespace Dossier.Bench.Infrastructure;

/// <summary>CPU time of one process (user + system), from /proc/&lt;pid&gt;/stat.</summary>
public static class ProcStats
{
    /// <summary>USER_HZ: /proc reports CPU time in these ticks (100 on every Linux that matters).</summary>
    public const double TicksPerSecond = 100.0;

    public static bool Available => OperatingSystem.IsLinux() && File.Exists("/proc/stat");

    /// <summary>CPU seconds used so far by the process, or null when it is gone.</summary>
    public static double? CpuSeconds(int pid)
    {
        var fields = StatFields(pid);
        if (fields is null)
        {
            return null;
        }

        // after "pid (comm)": state=0 ppid=1 ... utime=11 stime=12
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    public static int? ParentOf(int pid)
    {
        var fields = StatFields(pid);
        return fields is null ? null : int.Parse(fields[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The process and all its children (PostgreSQL's backends are children of the postmaster).</summary>
    public static IReadOnlyList<int> WithChildren(int pid)
    {
        var result = new List<int> { pid };
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child)
                && child != pid && ParentOf(child) == pid)
            {
                result.Add(child);
            }
        }

        return result;
    }

    /// <summary>Machine-wide CPU ticks: (busy, total) summed over all cores, from /proc/stat.</summary>
    public static (long Busy, long Total) MachineTicks()
    {
        var line = File.ReadLines("/proc/stat").First();
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Take(8).Sum(); // user nice system idle iowait irq softirq steal
        var idle = values[3] + values[4];
        return (total - idle, total);
    }

    /// <summary>(VmRSS, VmHWM) in KiB.</summary>
    public static (long Rss, long Hwm)? Memory(int pid)
    {
        try
        {
            long rss = 0, hwm = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kib(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kib(line);
                }
            }

            return (rss, hwm);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static double[] LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static long Kib(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static string[]? StatFields(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')');
            return text[(close + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>CPU used by the three parties of a phase: the API process, this load generator, PostgreSQL.</summary>
public sealed class CpuSnapshot
{
    private CpuSnapshot(DateTime at, double? api, double bench, Dictionary<int, double> postgres, (long Busy, long Total) machine)
    {
        At = at;
        Api = api;
        Bench = bench;
        Postgres = postgres;
        Machine = machine;
    }

    public DateTime At { get; }

    public double? Api { get; }

    public double Bench { get; }

    public Dictionary<int, double> Postgres { get; }

    public (long Busy, long Total) Machine { get; }

    public static CpuSnapshot Take(int? apiPid, int? postmasterPid)
    {
        var postgres = new Dictionary<int, double>();
        if (postmasterPid is { } pm)
        {
            foreach (var pid in ProcStats.WithChildren(pm))
            {
                if (ProcStats.CpuSeconds(pid) is { } cpu)
                {
                    postgres[pid] = cpu;
                }
            }
        }

        return new CpuSnapshot(
            DateTime.UtcNow,
            apiPid is { } a ? ProcStats.CpuSeconds(a) : null,
            ProcStats.CpuSeconds(Environment.ProcessId) ?? 0,
            postgres,
            ProcStats.MachineTicks());
    }

    /// <summary>Cores used by each party between two snapshots (1.0 = one core fully busy).</summary>
    public static CpuSplit Between(CpuSnapshot before, CpuSnapshot after)
    {
        var wall = (after.At - before.At).TotalSeconds;
        // backends that started during the window count from zero
        var postgres = after.Postgres.Sum(p => p.Value - before.Postgres.GetValueOrDefault(p.Key));
        var api = after.Api is { } a && before.Api is { } b ? a - b : (double?)null;
        var bench = after.Bench - before.Bench;
        var machineTicks = after.Machine.Total - before.Machine.Total;
        var busyShare = machineTicks > 0 ? (double)(after.Machine.Busy - before.Machine.Busy) / machineTicks : 0;
        var cores = Environment.ProcessorCount;
        var machineBusyCores = busyShare * cores;
        var other = machineBusyCores - (postgres / wall) - (bench / wall) - ((api ?? 0) / wall);
        return new CpuSplit(
            wall,
            api is { } x ? Math.Round(x / wall, 3) : null,
            Math.Round(bench / wall, 3),
            Math.Round(postgres / wall, 3),
            Math.Round(Math.Max(0, other), 3),
            Math.Round(machineBusyCores, 3),
            cores,
            Math.Round(api ?? 0, 3),
            Math.Round(bench, 3),
            Math.Round(postgres, 3));
    }
}

/// <param name="ApiCores">Cores used on average by the API process.</param>
/// <param name="OtherCores">Busy cores not accounted for by the three: other work on this shared machine.</param>
public sealed record CpuSplit(
    double WallSeconds,
    double? ApiCores,
    double BenchCores,
    double PostgresCores,
    double OtherCores,
    double MachineBusyCores,
    int Cores,
    double ApiCpuSeconds,
    double BenchCpuSeconds,
    double PostgresCpuSeconds);
