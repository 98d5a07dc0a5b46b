using System.Diagnostics;

namespace Dossier.Api.Archive;

/// <summary>A progress line about once a second: how far, how fast.</summary>
internal sealed class ProgressMeter(string what, long total, Action<string> progress)
{
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private long done;
    private long nextCheck = 4096;
    private long lastReport;

    public long Count => done;

    public void Advance(long by = 1)
    {
        done += by;
        if (done < nextCheck)
        {
            return;
        }

        nextCheck = done + 4096;
        if (watch.ElapsedMilliseconds - lastReport >= 1000)
        {
            lastReport = watch.ElapsedMilliseconds;
            progress($"{what}: {done:N0} / {total:N0} ({done / watch.Elapsed.TotalSeconds:N0}/s)");
        }
    }

    public void Done() =>
        progress($"{what}: {done:N0} in {watch.Elapsed.TotalSeconds:0.0} s ({(watch.Elapsed.TotalSeconds > 0 ? done / watch.Elapsed.TotalSeconds : 0):N0}/s)");
}
