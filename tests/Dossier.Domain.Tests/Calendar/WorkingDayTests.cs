using Dossier.Domain.Calendar;
using static Dossier.Domain.Tests.Calendar.VietnamTime;

namespace Dossier.Domain.Tests.Calendar;

public sealed class WorkingDayTests
{
    private readonly WorkingCalendar _calendar = WorkingCalendar.Vietnam();

    [Theory]
    [InlineData("2024-06-10", true)]
    [InlineData("2024-06-08", false)]
    [InlineData("2024-06-09", false)]
    [InlineData("2024-05-04", true)]
    [InlineData("2026-01-10", true)]
    [InlineData("2026-08-22", true)]
    [InlineData("2024-05-11", false)]
    [InlineData("2024-04-18", false)]
    [InlineData("2024-04-29", false)]
    [InlineData("2021-05-03", false)]
    [InlineData("2022-05-02", false)]
    [InlineData("2022-05-03", false)]
    [InlineData("2022-05-04", true)]
    [InlineData("2025-04-26", true)]
    [InlineData("2025-05-02", false)]
    public void A_weekday_works_unless_it_is_a_day_off_and_a_Saturday_works_only_when_made_up(string date, bool isWorkingDay) =>
        Assert.Equal(isWorkingDay, _calendar.IsWorkingDay(Date(date)));

    [Theory]
    [InlineData("2024-02-07", 1, "2024-02-15")]
    [InlineData("2024-02-15", -1, "2024-02-07")]
    [InlineData("2024-05-03", 1, "2024-05-04")]
    [InlineData("2024-06-09", 1, "2024-06-10")]
    [InlineData("2024-06-09", 0, "2024-06-09")]
    [InlineData("2024-06-10", -1, "2024-06-07")]
    [InlineData("2024-12-31", 1, "2025-01-02")]
    [InlineData("2021-02-09", 3, "2021-02-19")]
    public void Adding_working_days_skips_the_days_that_are_not(string from, int workingDays, string expected) =>
        Assert.Equal(Date(expected), _calendar.AddWorkingDays(Date(from), workingDays));

    [Fact]
    public void Close_of_business_defaults_to_five_in_the_afternoon() =>
        Assert.Equal(new TimeOnly(17, 0), WorkingCalendar.Vietnam().CloseOfBusiness);

    [Fact]
    public void Close_of_business_at_midnight_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingCalendar.Vietnam(TimeOnly.MinValue));
}
