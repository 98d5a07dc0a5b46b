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
}
