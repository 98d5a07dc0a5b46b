using Dossier.Domain.Calendar;

namespace Dossier.Domain.Tests.Calendar;

/// <summary>The official schedules of HOLIDAYS.md, 2021–2026, are followed exactly.</summary>
public sealed class OfficialScheduleTests
{
    private readonly WorkingCalendar _calendar = WorkingCalendar.Vietnam();

    /// <summary>HOLIDAYS.md: the weekdays that were not working days and the Saturdays that were, month-day.</summary>
    private static readonly Dictionary<int, (string[] WeekdaysOff, string[] MakeUpSaturdays)> Announced = new()
    {
        [2021] = (["01-01", "02-10", "02-11", "02-12", "02-15", "02-16", "04-21", "04-30", "05-03", "09-02", "09-03"], []),
        [2022] = (["01-03", "01-31", "02-01", "02-02", "02-03", "02-04", "04-11", "05-02", "05-03", "09-01", "09-02"], []),
        [2023] = (["01-02", "01-20", "01-23", "01-24", "01-25", "01-26", "05-01", "05-02", "05-03", "09-01", "09-04"], []),
        [2024] = (["01-01", "02-08", "02-09", "02-12", "02-13", "02-14", "04-18", "04-29", "04-30", "05-01", "09-02", "09-03"], ["05-04"]),
        [2025] = (["01-01", "01-27", "01-28", "01-29", "01-30", "01-31", "04-07", "04-30", "05-01", "05-02", "09-01", "09-02"], ["04-26"]),
        [2026] = (["01-01", "01-02", "02-16", "02-17", "02-18", "02-19", "02-20", "04-27", "04-30", "05-01", "08-31", "09-01", "09-02"], ["01-10", "08-22"]),
    };

    public static TheoryData<int> OfficialYears => [.. Announced.Keys];

    [Theory]
    [MemberData(nameof(OfficialYears))]
    public void The_weekdays_off_of_an_official_year_are_exactly_those_announced(int year)
    {
        var actual = DaysOf(year).Where(d => !IsWeekend(d) && !_calendar.IsWorkingDay(d));

        Assert.Equal(Announced[year].WeekdaysOff.Select(d => On(year, d)), actual);
    }

    [Theory]
    [MemberData(nameof(OfficialYears))]
    public void The_weekend_days_worked_in_an_official_year_are_exactly_the_announced_make_up_Saturdays(int year)
    {
        var actual = DaysOf(year).Where(d => IsWeekend(d) && _calendar.IsWorkingDay(d)).ToList();

        Assert.Equal(Announced[year].MakeUpSaturdays.Select(d => On(year, d)), actual);
        Assert.All(actual, d => Assert.Equal(DayOfWeek.Saturday, d.DayOfWeek));
    }

    [Theory]
    [MemberData(nameof(OfficialYears))]
    public void The_holiday_list_of_an_official_year_names_every_weekday_off_and_every_make_up_Saturday(int year)
    {
        var listed = _calendar.Holidays(year);

        Assert.Equal(Announced[year].WeekdaysOff.Select(d => On(year, d)), listed.Where(d => d.Kind != CalendarDayKind.MakeUpWorkday && !IsWeekend(d.Date)).Select(d => d.Date));
        Assert.Equal(Announced[year].MakeUpSaturdays.Select(d => On(year, d)), listed.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => d.Date));
        Assert.All(listed, d => Assert.False(string.IsNullOrWhiteSpace(d.Name)));
        Assert.Equal(listed.OrderBy(d => d.Date).Select(d => d.Date), listed.Select(d => d.Date));
    }

    [Theory]
    [InlineData("2021-02-15", "Nghỉ bù Tết Nguyên Đán", CalendarDayKind.Compensatory)]
    [InlineData("2021-05-01", "Ngày Quốc tế Lao động", CalendarDayKind.Holiday)]
    [InlineData("2022-04-11", "Nghỉ bù Giỗ Tổ Hùng Vương", CalendarDayKind.Compensatory)]
    [InlineData("2023-09-04", "Nghỉ bù Quốc khánh", CalendarDayKind.Compensatory)]
    [InlineData("2024-02-12", "Tết Nguyên Đán", CalendarDayKind.Holiday)]
    [InlineData("2024-04-29", "Nghỉ hoán đổi (làm bù thứ Bảy 04/05)", CalendarDayKind.SwappedDayOff)]
    [InlineData("2024-05-04", "Làm bù cho ngày nghỉ 29/04", CalendarDayKind.MakeUpWorkday)]
    [InlineData("2025-05-02", "Nghỉ hoán đổi (làm bù thứ Bảy 26/04)", CalendarDayKind.SwappedDayOff)]
    [InlineData("2026-01-10", "Làm bù cho ngày nghỉ 02/01", CalendarDayKind.MakeUpWorkday)]
    [InlineData("2026-04-26", "Giỗ Tổ Hùng Vương", CalendarDayKind.Holiday)]
    public void An_official_day_is_listed_with_its_name_and_kind(string date, string name, CalendarDayKind kind)
    {
        var day = VietnamTime.Date(date);

        Assert.Contains(new CalendarDay(day, name, kind), _calendar.Holidays(day.Year));
    }

    [Fact]
    public void An_official_year_is_not_replaced_by_the_rules_where_they_differ()
    {
        Assert.Contains(HolidayRules.DaysOff(2021), d => d.Date == new DateOnly(2021, 2, 17));
        Assert.True(_calendar.IsWorkingDay(new DateOnly(2021, 2, 17)));
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2021, 2, 10)));
    }

    private static IEnumerable<DateOnly> DaysOf(int year) =>
        Enumerable.Range(0, DateTime.IsLeapYear(year) ? 366 : 365).Select(i => new DateOnly(year, 1, 1).AddDays(i));

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static DateOnly On(int year, string monthDay) => VietnamTime.Date($"{year}-{monthDay}");
}
