namespace Dossier.Domain.Calendar;

/// <summary>
/// The days off of a year for which no official schedule is known, by Labor Code 2019 Art. 112(1) and 111(3).
/// Where the law leaves the choice to the Prime Minister, our rule: Tết is the last day of the old lunar year and
/// the first four days of the new one; National Day is 2/9 and the day before.
/// </summary>
public static class HolidayRules
{
    private const string NewYearsDay = "Tết Dương lịch";
    private const string LunarNewYear = "Tết Nguyên Đán";
    private const string HungKingsCommemoration = "Giỗ Tổ Hùng Vương";
    private const string ReunificationDay = "Ngày Giải phóng miền Nam";
    private const string LabourDay = "Ngày Quốc tế Lao động";
    private const string NationalDay = "Quốc khánh";
    private const string CompensatoryPrefix = "Nghỉ bù";

    public static IReadOnlyList<CalendarDay> DaysOff(int year)
    {
        var lunarNewYear = VietnameseLunarCalendar.NewYearsDay(year);
        (DateOnly Date, string Name)[] statutory =
        [
            (new DateOnly(year, 1, 1), NewYearsDay),
            (lunarNewYear.AddDays(-1), LunarNewYear),
            (lunarNewYear, LunarNewYear),
            (lunarNewYear.AddDays(1), LunarNewYear),
            (lunarNewYear.AddDays(2), LunarNewYear),
            (lunarNewYear.AddDays(3), LunarNewYear),
            (VietnameseLunarCalendar.ToSolar(new LunarDate(year, 3, 10)), HungKingsCommemoration),
            (new DateOnly(year, 4, 30), ReunificationDay),
            (new DateOnly(year, 5, 1), LabourDay),
            (new DateOnly(year, 9, 1), NationalDay),
            (new DateOnly(year, 9, 2), NationalDay),
        ];
        // Hùng Kings day can fall on 30/4 (it did in 1947); the law grants no extra day for that, so it is one day off.
        var holidays = statutory
            .GroupBy(h => h.Date, h => h.Name)
            .OrderBy(g => g.Key)
            .Select(g => new CalendarDay(g.Key, string.Join(", ", g), CalendarDayKind.Holiday))
            .ToList();

        var daysOff = holidays.Select(h => h.Date).ToHashSet();
        var compensatory = new List<CalendarDay>();
        foreach (var holiday in holidays.Where(h => IsWeekend(h.Date)))
        {
            var replacement = holiday.Date.AddDays(1);
            while (IsWeekend(replacement) || daysOff.Contains(replacement))
                replacement = replacement.AddDays(1);
            daysOff.Add(replacement);
            compensatory.Add(new CalendarDay(replacement, $"{CompensatoryPrefix} {holiday.Name}", CalendarDayKind.Compensatory));
        }

        return [.. holidays.Concat(compensatory).OrderBy(d => d.Date)];
    }

    internal static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
