using Dossier.Domain.Calendar;

namespace Dossier.Domain.Tests.Dossiers.Support;

/// <summary>
/// A calendar without holidays: Monday–Friday are working days, the close of business is 17:00 (UTC+7),
/// and a pause adds the working days in (pause day, resume day].
/// </summary>
internal sealed class WeekdayCalendar : IWorkingCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);
    private static readonly TimeOnly CloseOfBusiness = new(17, 0);

    public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateTimeOffset DueAt(DateTimeOffset receivedAt, int workingDays) =>
        new(AddWorkingDays(EffectiveWorkingDay(receivedAt), workingDays).ToDateTime(CloseOfBusiness), Offset);

    public DateTimeOffset ExtendForPause(DateTimeOffset dueAt, DateTimeOffset pausedAt, DateTimeOffset resumedAt)
    {
        var paused = LocalDate(pausedAt);
        var resumed = LocalDate(resumedAt);
        var stood = 0;
        for (var d = paused.AddDays(1); d <= resumed; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                stood++;
            }
        }

        var due = dueAt.ToOffset(Offset);
        var day = AddWorkingDays(DateOnly.FromDateTime(due.DateTime), stood);
        return new DateTimeOffset(day.ToDateTime(TimeOnly.FromDateTime(due.DateTime)), Offset);
    }

    public DateOnly EffectiveWorkingDay(DateTimeOffset instant)
    {
        var local = instant.ToOffset(Offset);
        var day = DateOnly.FromDateTime(local.DateTime);
        return IsWorkingDay(day) && TimeOnly.FromDateTime(local.DateTime) <= CloseOfBusiness ? day : AddWorkingDays(day, 1);
    }

    public int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var count = 0;
        for (var d = EffectiveWorkingDay(from).AddDays(1); d <= LocalDate(to); d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        var step = workingDays < 0 ? -1 : 1;
        for (var moved = 0; moved < Math.Abs(workingDays);)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                moved++;
            }
        }

        return date;
    }

    public IReadOnlyList<CalendarDay> Holidays(int year) => [];

    private static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
