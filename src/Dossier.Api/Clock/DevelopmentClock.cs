namespace Dossier.Api.Clock;

/// <summary>
/// The application's clock when <c>Dev:ClockControl</c> is on: real time shifted by an offset that
/// a black-box client may only move forward, so deadlines can be reached without waiting.
/// </summary>
public sealed class DevelopmentClock(TimeProvider inner) : TimeProvider
{
    private long offsetTicks;

    public event Action? Moved;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <summary>Moves the clock to <paramref name="now"/>; returns false when that would move it back.</summary>
    public bool MoveTo(DateTimeOffset now)
    {
        while (true)
        {
            var current = Interlocked.Read(ref offsetTicks);
            var wanted = (now - inner.GetUtcNow()).Ticks;
            if (wanted < current)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref offsetTicks, wanted, current) == current)
            {
                Moved?.Invoke();
                return true;
            }
        }
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref offsetTicks, by.Ticks);
        Moved?.Invoke();
    }
}
