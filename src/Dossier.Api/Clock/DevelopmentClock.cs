namespace Dossier.Api.Clock;

/// <summary>
/// The application's clock when <c>Dev:ClockControl</c> is on: real time shifted by an offset that
/// a black-box client may only move forward, so deadlines can be reached without waiting.
/// </summary>
public sealed class DevelopmentClock(TimeProvider inner) : TimeProvider
{
    private long offsetTicks;

    public event Action? Moved;

    /// <summary>How far ahead of real time the clock reads.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    /// <summary>The offset that makes the clock read <paramref name="now"/>.</summary>
    public TimeSpan OffsetFor(DateTimeOffset now) => now - inner.GetUtcNow();

    /// <summary>Takes an offset another host published; never moves the clock back.</summary>
    public void Adopt(TimeSpan offset)
    {
        while (true)
        {
            var current = Interlocked.Read(ref offsetTicks);
            if (offset.Ticks <= current)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref offsetTicks, offset.Ticks, current) == current)
            {
                Moved?.Invoke();
                return;
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;
}
