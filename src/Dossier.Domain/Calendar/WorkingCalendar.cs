using System.Collections.Concurrent;

namespace Dossier.Domain.Calendar;

/// <summary>
/// The civil servants' working week of Vietnam: Monday to Friday, less the days off of the official schedule of the
/// year (or of <see cref="HolidayRules"/> when there is none), plus its make-up Saturdays.
/// </summary>
public sealed class WorkingCalendar : IWorkingCalendar
{
    /// <summary>Asia/Ho_Chi_Minh has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact.</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static readonly TimeOnly DefaultCloseOfBusiness = new(17, 0);

    private static readonly ConcurrentDictionary<int, YearSchedule> Schedules = new();

    private WorkingCalendar(TimeOnly closeOfBusiness) => CloseOfBusiness = closeOfBusiness;

    public TimeOnly CloseOfBusiness { get; }

    public static WorkingCalendar Vietnam() => new(DefaultCloseOfBusiness);

    public static WorkingCalendar Vietnam(TimeOnly closeOfBusiness)
    {
        if (closeOfBusiness == TimeOnly.MinValue)
            throw new ArgumentOutOfRangeException(nameof(closeOfBusiness), closeOfBusiness, "Close of business must come after midnight.");
        return new WorkingCalendar(closeOfBusiness);
    }

    public bool IsWorkingDay(DateOnly date) => ScheduleOf(date.Year).IsWorkingDay(date);

    public IReadOnlyList<CalendarDay> Holidays(int year) => ScheduleOf(year).Days;

    public DateTimeOffset DueAt(DateTimeOffset receivedAt, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        var dueDay = AddWorkingDays(EffectiveWorkingDay(receivedAt), workingDays);
        return AtLocalTime(dueDay, CloseOfBusiness);
    }

    public DateTimeOffset ExtendForPause(DateTimeOffset dueAt, DateTimeOffset pausedAt, DateTimeOffset resumedAt)
    {
        if (resumedAt < pausedAt)
            throw new ArgumentException("The clock cannot resume before it paused.", nameof(resumedAt));

        var stoodStill = CountWorkingDays(after: LocalDate(pausedAt), upTo: EffectiveWorkingDay(resumedAt));
        if (stoodStill == 0)
            return dueAt;

        var localDue = dueAt.ToOffset(VietnamOffset);
        var movedDay = AddWorkingDays(DateOnly.FromDateTime(localDue.DateTime), stoodStill);
        return AtLocalTime(movedDay, TimeOnly.FromDateTime(localDue.DateTime));
    }

    public DateOnly EffectiveWorkingDay(DateTimeOffset instant)
    {
        var local = instant.ToOffset(VietnamOffset).DateTime;
        var date = DateOnly.FromDateTime(local);
        return IsWorkingDay(date) && TimeOnly.FromDateTime(local) < CloseOfBusiness
            ? date
            : AddWorkingDays(date, 1);
    }

    public int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to) =>
        CountWorkingDays(after: EffectiveWorkingDay(from), upTo: LocalDate(to));

    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        var step = Math.Sign(workingDays);
        var remaining = Math.Abs(workingDays);
        while (remaining > 0)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
                remaining--;
        }
        return date;
    }

    private int CountWorkingDays(DateOnly after, DateOnly upTo)
    {
        var count = 0;
        for (var date = after.AddDays(1); date <= upTo; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
                count++;
        }
        return count;
    }

    private static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(VietnamOffset).DateTime);

    private static DateTimeOffset AtLocalTime(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), VietnamOffset);

    private static YearSchedule ScheduleOf(int year) =>
        Schedules.GetOrAdd(year, y => new YearSchedule(
            OfficialSchedules.ByYear.TryGetValue(y, out var official) ? official : HolidayRules.DaysOff(y)));
}
