using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dossier.Bench.Load;

/// <summary>
/// The shared state of one load phase: whether it is recording (warm-up is not), whether workers
/// should stop, and per-worker samples so that recording needs no locks.
/// </summary>
public sealed class LoadRun
{
    private readonly Worker[] workers;
    private readonly ConcurrentQueue<string> errorSamples = new();
    private long errors;
    private volatile bool recording;
    private volatile bool stopping;

    public LoadRun(int clients)
    {
        workers = Enumerable.Range(0, clients).Select(_ => new Worker()).ToArray();
    }

    public int Clients => workers.Length;

    public bool Recording => recording;

    public bool Stopping => stopping;

    public long Errors => Interlocked.Read(ref errors);

    public IReadOnlyCollection<string> ErrorSamples => errorSamples;

    public long Operations => workers.Sum(w => Volatile.Read(ref w.Operations));

    public long Events => workers.Sum(w => Volatile.Read(ref w.Events));

    public long Completed => workers.Sum(w => Volatile.Read(ref w.Completed));

    public void StartRecording() => recording = true;

    public void StopRecording() => recording = false;

    public void Stop() => stopping = true;

    /// <summary>One operation of <paramref name="kind"/> finished after <paramref name="startTimestamp"/>, writing <paramref name="events"/> events.</summary>
    public void Record(int worker, string kind, long startTimestamp, int events)
    {
        if (!recording)
        {
            return;
        }

        var ms = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        var w = workers[worker];
        w.All.Add(ms);
        if (!w.ByKind.TryGetValue(kind, out var list))
        {
            w.ByKind[kind] = list = [];
        }

        list.Add(ms);
        Interlocked.Increment(ref w.Operations);
        Interlocked.Add(ref w.Events, events);
    }

    /// <summary>A whole unit of work (a dossier's lifecycle) finished.</summary>
    public void Complete(int worker)
    {
        if (recording)
        {
            Interlocked.Increment(ref workers[worker].Completed);
        }
    }

    public void Error(string what)
    {
        if (Interlocked.Increment(ref errors) <= 10)
        {
            errorSamples.Enqueue(what.Length > 400 ? what[..400] : what);
        }
    }

    public LatencyStats Latency() => LatencyStats.Of(workers.SelectMany(w => w.All));

    public IReadOnlyDictionary<string, LatencyStats> LatencyByKind() =>
        workers.SelectMany(w => w.ByKind)
            .GroupBy(p => p.Key, p => p.Value)
            .ToDictionary(g => g.Key, g => LatencyStats.Of(g.SelectMany(l => l)));

    private sealed class Worker
    {
        public readonly List<double> All = new(1 << 16);
        public readonly Dictionary<string, List<double>> ByKind = [];
        public long Operations;
        public long Events;
        public long Completed;
    }
}
