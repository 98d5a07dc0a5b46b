using Dossier.Domain.Calendar;

namespace Dossier.Domain.Tests.Calendar;

/// <summary>Years without an official schedule follow Labor Code 2019 Art. 112(1) and 111(3) and our rule for Tết and National Day.</summary>
public sealed class HolidayRulesTests
{
    private readonly WorkingCalendar _calendar = WorkingCalendar.Vietnam();

    [Fact]
    public void Tet_2027_is_the_eve_and_the_first_four_days_with_its_weekend_days_made_up_after_the_break()
    {
        CalendarDay[] expected =
            [
                new(new DateOnly(2027, 2, 5), "Tết Nguyên Đán", CalendarDayKind.Holiday),
                new(new DateOnly(2027, 2, 6), "Tết Nguyên Đán", CalendarDayKind.Holiday),
                new(new DateOnly(2027, 2, 7), "Tết Nguyên Đán", CalendarDayKind.Holiday),
                new(new DateOnly(2027, 2, 8), "Tết Nguyên Đán", CalendarDayKind.Holiday),
                new(new DateOnly(2027, 2, 9), "Tết Nguyên Đán", CalendarDayKind.Holiday),
                new(new DateOnly(2027, 2, 10), "Nghỉ bù Tết Nguyên Đán", CalendarDayKind.Compensatory),
                new(new DateOnly(2027, 2, 11), "Nghỉ bù Tết Nguyên Đán", CalendarDayKind.Compensatory),
            ];

        Assert.Equal(expected, _calendar.Holidays(2027).Where(d => d.Date.Month == 2));
    }

    [Theory]
    [InlineData("2027-02-04", true)]
    [InlineData("2027-02-05", false)]
    [InlineData("2027-02-09", false)]
    [InlineData("2027-02-10", false)]
    [InlineData("2027-02-11", false)]
    [InlineData("2027-02-12", true)]
    public void The_working_days_around_Tet_2027_follow_the_rule(string date, bool isWorkingDay) =>
        Assert.Equal(isWorkingDay, _calendar.IsWorkingDay(VietnamTime.Date(date)));

    [Fact]
    public void Labour_day_2027_on_a_Saturday_gives_Monday_off()
    {
        var days = _calendar.Holidays(2027);

        Assert.Contains(new CalendarDay(new DateOnly(2027, 5, 1), "Ngày Quốc tế Lao động", CalendarDayKind.Holiday), days);
        Assert.Contains(new CalendarDay(new DateOnly(2027, 5, 3), "Nghỉ bù Ngày Quốc tế Lao động", CalendarDayKind.Compensatory), days);
    }

    [Fact]
    public void National_day_2028_is_the_first_and_second_of_September_with_Monday_off_for_the_Saturday()
    {
        CalendarDay[] expected =
            [
                new(new DateOnly(2028, 9, 1), "Quốc khánh", CalendarDayKind.Holiday),
                new(new DateOnly(2028, 9, 2), "Quốc khánh", CalendarDayKind.Holiday),
                new(new DateOnly(2028, 9, 4), "Nghỉ bù Quốc khánh", CalendarDayKind.Compensatory),
            ];

        Assert.Equal(expected, _calendar.Holidays(2028).Where(d => d.Date.Month == 9));
    }

    [Fact]
    public void A_compensatory_day_skips_a_holiday_that_follows_the_weekend()
    {
        // 2028: 30/4 is a Sunday and 1/5, the next weekday, is itself a holiday.
        Assert.Contains(new CalendarDay(new DateOnly(2028, 5, 2), "Nghỉ bù Ngày Giải phóng miền Nam", CalendarDayKind.Compensatory), _calendar.Holidays(2028));
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2028, 5, 2)));
        Assert.True(_calendar.IsWorkingDay(new DateOnly(2028, 5, 3)));
    }

    [Fact]
    public void Hung_Kings_day_is_computed_from_the_lunar_calendar()
    {
        var hungKings = Assert.Single(_calendar.Holidays(2027), d => d.Name == "Giỗ Tổ Hùng Vương");

        Assert.Equal(new LunarDate(2027, 3, 10), VietnameseLunarCalendar.FromSolar(hungKings.Date));
    }

    [Fact]
    public void Hung_Kings_day_on_30_April_is_a_single_day_off_bearing_both_names() =>
        Assert.Contains(
            new CalendarDay(new DateOnly(1947, 4, 30), "Giỗ Tổ Hùng Vương, Ngày Giải phóng miền Nam", CalendarDayKind.Holiday),
            HolidayRules.DaysOff(1947));

    [Fact]
    public void The_rules_reproduce_the_official_2022_schedule_which_had_no_swaps() =>
        Assert.Equal(_calendar.Holidays(2022), HolidayRules.DaysOff(2022));

    [Fact]
    public void Every_year_from_1900_to_2100_lists_each_day_once_with_a_weekday_off_for_each_holiday_on_a_weekend()
    {
        for (var year = 1900; year <= 2100; year++)
        {
            var days = HolidayRules.DaysOff(year);
            var holidays = days.Where(d => d.Kind == CalendarDayKind.Holiday).ToList();
            var compensatory = days.Where(d => d.Kind == CalendarDayKind.Compensatory).ToList();

            Assert.Equal(year == 1947 ? 10 : 11, holidays.Count);
            Assert.Equal(days.Count, days.Select(d => d.Date).Distinct().Count());
            Assert.Equal(holidays.Count(d => d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday), compensatory.Count);
            Assert.All(compensatory, d => Assert.False(d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
            Assert.All(days, d => Assert.Equal(year, d.Date.Year));
        }
    }
}
