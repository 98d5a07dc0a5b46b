using Dossier.Domain.Calendar;
using static Dossier.Domain.Tests.Calendar.VietnamTime;

namespace Dossier.Domain.Tests.Calendar;

public sealed class VietnameseLunarCalendarTests
{
    [Theory]
    [InlineData(2021, "2021-02-12")]
    [InlineData(2022, "2022-02-01")]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2020, "2020-01-25")]
    [InlineData(2000, "2000-02-05")]
    [InlineData(1968, "1968-01-29")]
    public void Lunar_new_year_falls_on_the_known_Tet_date(int lunarYear, string tet)
    {
        Assert.Equal(Date(tet), VietnameseLunarCalendar.NewYearsDay(lunarYear));
        Assert.Equal(new LunarDate(lunarYear, 1, 1), VietnameseLunarCalendar.FromSolar(Date(tet)));
    }

    [Fact]
    public void Tet_1985_is_reckoned_for_UTC_plus_7_a_month_before_the_Chinese_new_year()
    {
        Assert.Equal(Date("1985-01-21"), VietnameseLunarCalendar.NewYearsDay(1985));
        Assert.Equal(new LunarDate(1985, 2, 1), VietnameseLunarCalendar.FromSolar(Date("1985-02-20")));
    }

    [Fact]
    public void Tet_2007_is_reckoned_for_UTC_plus_7_a_day_before_the_Chinese_new_year() =>
        Assert.Equal(Date("2007-02-17"), VietnameseLunarCalendar.NewYearsDay(2007));

    [Theory]
    [InlineData(2021, "2021-04-21")]
    [InlineData(2022, "2022-04-10")]
    [InlineData(2023, "2023-04-29")]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    public void Hung_Kings_day_the_tenth_of_the_third_month_falls_on_the_known_date(int lunarYear, string solar) =>
        Assert.Equal(Date(solar), VietnameseLunarCalendar.ToSolar(new LunarDate(lunarYear, 3, 10)));

    [Theory]
    [InlineData(2023, "2023-09-29")]
    [InlineData(2024, "2024-09-17")]
    [InlineData(2025, "2025-10-06")]
    public void Mid_autumn_the_fifteenth_of_the_eighth_month_falls_on_the_known_date(int lunarYear, string solar) =>
        Assert.Equal(Date(solar), VietnameseLunarCalendar.ToSolar(new LunarDate(lunarYear, 8, 15)));

    [Theory]
    [InlineData(2012, 4)]
    [InlineData(2014, 9)]
    [InlineData(2017, 6)]
    [InlineData(2020, 4)]
    [InlineData(2023, 2)]
    [InlineData(2025, 6)]
    public void A_thirteen_month_year_repeats_the_known_month(int lunarYear, int leapMonth) =>
        Assert.Equal(leapMonth, VietnameseLunarCalendar.LeapMonth(lunarYear));

    [Theory]
    [InlineData(2021)]
    [InlineData(2022)]
    [InlineData(2024)]
    [InlineData(2026)]
    public void A_twelve_month_year_has_no_leap_month(int lunarYear) =>
        Assert.Null(VietnameseLunarCalendar.LeapMonth(lunarYear));

    [Theory]
    [InlineData(2023, 2, "2023-03-22")]
    [InlineData(2020, 4, "2020-05-23")]
    public void A_leap_month_starts_after_the_month_it_repeats(int lunarYear, int month, string firstDay)
    {
        var leapStart = VietnameseLunarCalendar.ToSolar(new LunarDate(lunarYear, month, 1, IsLeapMonth: true));

        Assert.Equal(Date(firstDay), leapStart);
        Assert.True(VietnameseLunarCalendar.ToSolar(new LunarDate(lunarYear, month, 1)) < leapStart);
        Assert.Equal(new LunarDate(lunarYear, month, 1, IsLeapMonth: true), VietnameseLunarCalendar.FromSolar(leapStart));
    }

    [Theory]
    [InlineData("2024-02-09", 2023, 12, 30)]
    [InlineData("2025-01-28", 2024, 12, 29)]
    [InlineData("2021-02-11", 2020, 12, 30)]
    public void The_eve_of_Tet_is_the_last_day_of_the_old_lunar_year(string solar, int lunarYear, int month, int day) =>
        Assert.Equal(new LunarDate(lunarYear, month, day), VietnameseLunarCalendar.FromSolar(Date(solar)));

    [Fact]
    public void A_leap_flag_on_a_month_that_is_not_repeated_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(new LunarDate(2024, 4, 1, IsLeapMonth: true)));

    [Fact]
    public void The_thirtieth_of_a_twenty_nine_day_month_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(new LunarDate(2024, 12, 30)));

    [Theory]
    [InlineData("1899-12-31")]
    [InlineData("2101-01-01")]
    public void Dates_outside_1900_to_2100_are_rejected(string solar) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.FromSolar(Date(solar)));

    [Fact]
    public void Every_day_from_1900_to_2100_converts_to_a_lunar_date_and_back()
    {
        var previous = VietnameseLunarCalendar.FromSolar(VietnameseLunarCalendar.FirstSupportedDate);
        for (var date = VietnameseLunarCalendar.FirstSupportedDate.AddDays(1); date <= VietnameseLunarCalendar.LastSupportedDate; date = date.AddDays(1))
        {
            var lunar = VietnameseLunarCalendar.FromSolar(date);

            Assert.Equal(date, VietnameseLunarCalendar.ToSolar(lunar));
            var continuesMonth = lunar.Day == previous.Day + 1
                && lunar with { Day = previous.Day } == previous;
            var startsMonth = lunar.Day == 1 && previous.Day is 29 or 30;
            Assert.True(continuesMonth || startsMonth, $"{previous} is followed by {lunar} on {date:O}");
            previous = lunar;
        }
    }

    [Fact]
    public void Every_lunar_year_from_1900_to_2100_begins_between_20_January_and_20_February()
    {
        for (var year = 1900; year <= 2100; year++)
            Assert.InRange(VietnameseLunarCalendar.NewYearsDay(year), new DateOnly(year, 1, 20), new DateOnly(year, 2, 20));
    }

    [Fact]
    public void A_lunar_year_lasts_twelve_months_or_thirteen_when_it_has_a_leap_month()
    {
        for (var year = 1900; year < 2100; year++)
        {
            var days = VietnameseLunarCalendar.NewYearsDay(year + 1).DayNumber - VietnameseLunarCalendar.NewYearsDay(year).DayNumber;
            if (VietnameseLunarCalendar.LeapMonth(year) is null)
                Assert.InRange(days, 353, 355);
            else
                Assert.InRange(days, 383, 385);
        }
    }
}
