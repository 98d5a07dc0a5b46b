using System.Diagnostics.Metrics;

namespace Dossier.Bench.Infrastructure;

/// <summary>
/// Counts the database operations (round trips of commands and batches) Npgsql performs in this
/// process, from its OpenTelemetry meter "Npgsql" (instrument db.client.operation.duration).
/// </summary>
public sealed class NpgsqlOperations : IDisposable
{
    private readonly MeterListener listener = new();
    private long count;

    public NpgsqlOperations()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name is "db.client.operation.duration" or "db.client.commands.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref count));
        listener.Start();
    }

    public long Count => Interlocked.Read(ref count);

    public void Dispose() => listener.Dispose();
}
