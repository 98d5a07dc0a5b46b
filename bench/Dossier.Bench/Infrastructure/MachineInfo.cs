using System.Runtime.InteropServices;

namespace Dossier.Bench.Infrastructure;

public sealed record MachineInfo(
    int Cores,
    string CpuModel,
    long MemoryMib,
    string Kernel,
    string DotNet,
    string Os)
{
    public static MachineInfo Read()
    {
        var model = "unknown";
        long memory = 0;
        try
        {
            model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                ?? model;
            var total = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            memory = long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
        }

        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription;
        return new MachineInfo(Environment.ProcessorCount, model, memory, kernel, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription);
    }
}
