namespace Dossier.Domain.Calendar;

/// <summary>The days of one year that depart from the Monday–Friday week.</summary>
internal sealed class YearSchedule
{
    private readonly HashSet<DateOnly> _daysOff;
    private readonly HashSet<DateOnly> _makeUpWorkdays;

    public YearSchedule(IReadOnlyList<CalendarDay> days)
    {
        Days = days;
        _daysOff = days.Where(d => d.Kind != CalendarDayKind.MakeUpWorkday).Select(d => d.Date).ToHashSet();
        _makeUpWorkdays = days.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => d.Date).ToHashSet();
    }

    public IReadOnlyList<CalendarDay> Days { get; }

    public bool IsWorkingDay(DateOnly date) =>
        _makeUpWorkdays.Contains(date) || (!HolidayRules.IsWeekend(date) && !_daysOff.Contains(date));
}
