using Dossier.Domain.Calendar;

namespace Dossier.Projections.Statistics;

/// <summary>
/// A reporting period of whole local (UTC+7) calendar days, both ends included. <see cref="Start"/> and
/// <see cref="End"/> are the instants that bound it, the end exclusive.
/// </summary>
public sealed record ReportPeriod
{
    public const int MaxYears = 10;

    public ReportPeriod(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"The period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        if (to > from.AddYears(MaxYears))
        {
            throw new ArgumentException($"A period spans at most {MaxYears} years.", nameof(to));
        }

        From = from;
        To = to;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    /// <summary>Midnight starting <see cref="From"/> in Vietnam, as a UTC instant (what PostgreSQL's timestamptz takes).</summary>
    public DateTimeOffset Start => new DateTimeOffset(From.ToDateTime(TimeOnly.MinValue), WorkingCalendar.VietnamOffset).ToUniversalTime();

    /// <summary>Midnight after <see cref="To"/> in Vietnam, as a UTC instant; not part of the period.</summary>
    public DateTimeOffset End => new DateTimeOffset(To.AddDays(1).ToDateTime(TimeOnly.MinValue), WorkingCalendar.VietnamOffset).ToUniversalTime();

    /// <summary>The moment "open at the end of the period" and "overdue by then" are judged at: the end, or now if sooner.</summary>
    public DateTimeOffset AsOf(DateTimeOffset now) => now < End ? now.ToUniversalTime() : End;
}
