using Dossier.Domain.Calendar;
using static Dossier.Domain.Tests.Calendar.VietnamTime;

namespace Dossier.Domain.Tests.Calendar;

public sealed class DueAtTests
{
    private readonly WorkingCalendar _calendar = WorkingCalendar.Vietnam();

    [Fact]
    public void The_day_of_receipt_is_not_counted_and_the_due_is_close_of_business_of_the_last_day() =>
        Assert.Equal(At("2024-06-10 17:00"), _calendar.DueAt(At("2024-06-03 10:00"), 5));

    [Theory]
    [InlineData("2021-02-09 10:00", 3, "2021-02-19 17:00")]
    [InlineData("2024-02-07 10:00", 3, "2024-02-19 17:00")]
    public void The_Tet_break_is_not_counted(string receivedAt, int workingDays, string dueAt) =>
        Assert.Equal(At(dueAt), _calendar.DueAt(At(receivedAt), workingDays));

    [Fact]
    public void Hung_Kings_day_is_not_counted() =>
        Assert.Equal(At("2024-04-19 17:00"), _calendar.DueAt(At("2024-04-17 10:00"), 1));

    [Theory]
    [InlineData("2021-04-29 10:00", 2, "2021-05-05 17:00")]
    [InlineData("2022-04-29 10:00", 1, "2022-05-04 17:00")]
    public void Reunification_and_labour_days_and_their_compensatory_days_are_not_counted(string receivedAt, int workingDays, string dueAt) =>
        Assert.Equal(At(dueAt), _calendar.DueAt(At(receivedAt), workingDays));

    [Theory]
    [InlineData("2024-05-03 10:00", "2024-05-04 17:00")]
    [InlineData("2026-01-09 10:00", "2026-01-10 17:00")]
    public void A_make_up_Saturday_is_counted(string receivedAt, string dueAt) =>
        Assert.Equal(At(dueAt), _calendar.DueAt(At(receivedAt), 1));

    [Theory]
    [InlineData("2024-06-03 00:00", "2024-06-04 17:00")]
    [InlineData("2024-06-03 16:59", "2024-06-04 17:00")]
    [InlineData("2024-06-03 17:00", "2024-06-05 17:00")]
    [InlineData("2024-06-03 17:30", "2024-06-05 17:00")]
    [InlineData("2024-06-03 23:59", "2024-06-05 17:00")]
    public void Receipt_at_or_after_close_of_business_counts_as_receipt_on_the_next_working_day(string receivedAt, string dueAt) =>
        Assert.Equal(At(dueAt), _calendar.DueAt(At(receivedAt), 1));

    [Theory]
    [InlineData("2024-06-08 10:00")]
    [InlineData("2024-06-09 10:00")]
    [InlineData("2024-06-07 17:30")]
    public void Receipt_on_a_weekend_or_after_hours_on_Friday_counts_as_receipt_on_Monday(string receivedAt)
    {
        Assert.Equal(Date("2024-06-10"), _calendar.EffectiveWorkingDay(At(receivedAt)));
        Assert.Equal(At("2024-06-11 17:00"), _calendar.DueAt(At(receivedAt), 1));
    }

    [Fact]
    public void Receipt_on_a_holiday_counts_as_receipt_on_the_next_working_day() =>
        Assert.Equal(At("2024-02-16 17:00"), _calendar.DueAt(At("2024-02-12 09:00"), 1));

    [Theory]
    [InlineData("2024-06-03T09:59:00Z", "2024-06-04 17:00")]
    [InlineData("2024-06-03T10:00:00Z", "2024-06-05 17:00")]
    [InlineData("2024-06-02T18:00:00Z", "2024-06-04 17:00")]
    public void Receipt_is_judged_on_the_Vietnam_wall_clock_whatever_the_offset_it_carries(string receivedAt, string dueAt) =>
        Assert.Equal(At(dueAt), _calendar.DueAt(DateTimeOffset.Parse(receivedAt, System.Globalization.CultureInfo.InvariantCulture), 1));

    [Fact]
    public void The_due_instant_carries_the_Vietnam_offset()
    {
        var due = _calendar.DueAt(new DateTimeOffset(2024, 6, 3, 3, 0, 0, TimeSpan.Zero), 1);

        Assert.Equal(TimeSpan.FromHours(7), due.Offset);
        Assert.Equal(new DateTime(2024, 6, 4, 17, 0, 0), due.DateTime);
    }

    [Fact]
    public void A_configured_close_of_business_sets_both_the_cut_off_and_the_due_time()
    {
        var calendar = WorkingCalendar.Vietnam(new TimeOnly(16, 30));

        Assert.Equal(At("2024-06-04 16:30"), calendar.DueAt(At("2024-06-03 16:29"), 1));
        Assert.Equal(At("2024-06-05 16:30"), calendar.DueAt(At("2024-06-03 16:30"), 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_period_of_less_than_one_working_day_is_rejected(int workingDays) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.DueAt(At("2024-06-03 10:00"), workingDays));
}
