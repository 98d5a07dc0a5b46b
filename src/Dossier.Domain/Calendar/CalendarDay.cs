namespace Dossier.Domain.Calendar;

/// <summary>A day that departs from the Monday–Friday week: a day off on a weekday, or a Saturday worked.</summary>
public sealed record CalendarDay(DateOnly Date, string Name, CalendarDayKind Kind);

public enum CalendarDayKind
{
    /// <summary>A public holiday of Labor Code 2019 Art. 112, listed even when it falls on a weekend.</summary>
    Holiday,

    /// <summary>A day off in place of a holiday that fell on a weekly rest day (Art. 111(3)).</summary>
    Compensatory,

    /// <summary>A weekday given off to join a break, in exchange for a make-up Saturday.</summary>
    SwappedDayOff,

    /// <summary>A Saturday worked in exchange for a swapped day off.</summary>
    MakeUpWorkday,
}
