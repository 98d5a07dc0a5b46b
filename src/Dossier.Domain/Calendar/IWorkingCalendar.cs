namespace Dossier.Domain.Calendar;

/// <summary>
/// Working-day arithmetic of DOMAIN.md "Deadlines" and "Working days". Instants are absolute;
/// days are counted on the Asia/Ho_Chi_Minh (UTC+7) wall clock.
/// </summary>
public interface IWorkingCalendar
{
    bool IsWorkingDay(DateOnly date);

    /// <summary>
    /// Close of business of the <paramref name="workingDays"/>-th working day after the day of receipt.
    /// Receipt after close of business or on a non-working day counts as receipt on the next working day.
    /// </summary>
    DateTimeOffset DueAt(DateTimeOffset receivedAt, int workingDays);

    /// <summary>
    /// A due instant moved later by the working days the clock stood still between
    /// <paramref name="pausedAt"/> and <paramref name="resumedAt"/>, so the working days already used are kept.
    /// </summary>
    DateTimeOffset ExtendForPause(DateTimeOffset dueAt, DateTimeOffset pausedAt, DateTimeOffset resumedAt);

    /// <summary>
    /// The working day on which something arriving at <paramref name="instant"/> counts as arriving: its local date
    /// when that is a working day and the instant is before close of business, otherwise the next working day.
    /// </summary>
    DateOnly EffectiveWorkingDay(DateTimeOffset instant);

    /// <summary>
    /// The working days after the effective working day of <paramref name="from"/> up to and including the local date
    /// of <paramref name="to"/>; 0 when there are none. A dossier decided by its due instant took at most its allowance.
    /// </summary>
    int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to);

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="date"/> (before it when negative;
    /// the date itself when zero). The date itself is never counted and need not be a working day.
    /// </summary>
    DateOnly AddWorkingDays(DateOnly date, int workingDays);

    /// <summary>
    /// The days of <paramref name="year"/> that depart from the Monday–Friday week, in date order: holidays (also those
    /// on a weekend), compensatory and swapped days off, and make-up Saturdays.
    /// </summary>
    IReadOnlyList<CalendarDay> Holidays(int year);
}
