using Dossier.Domain.Calendar;
using static Dossier.Domain.Tests.Calendar.VietnamTime;

namespace Dossier.Domain.Tests.Calendar;

/// <summary>A supplement request pauses the legal clock; the working days it stood still move the due date.</summary>
public sealed class PauseExtensionTests
{
    private readonly WorkingCalendar _calendar = WorkingCalendar.Vietnam();

    [Fact]
    public void Resuming_before_close_of_business_counts_the_working_days_after_the_pause_up_to_the_resumption()
    {
        var due = _calendar.DueAt(At("2024-06-03 10:00"), 5);

        var extended = _calendar.ExtendForPause(due, At("2024-06-04 10:00"), At("2024-06-06 10:00"));

        Assert.Equal(At("2024-06-10 17:00"), due);
        Assert.Equal(At("2024-06-12 17:00"), extended);
    }

    [Fact]
    public void Resuming_after_close_of_business_also_counts_the_resumption_day() =>
        Assert.Equal(
            At("2024-06-13 17:00"),
            _calendar.ExtendForPause(At("2024-06-10 17:00"), At("2024-06-04 10:00"), At("2024-06-06 18:00")));

    [Fact]
    public void Resuming_on_a_Sunday_counts_the_Monday_after_it() =>
        Assert.Equal(
            At("2024-06-12 17:00"),
            _calendar.ExtendForPause(At("2024-06-11 17:00"), At("2024-06-07 10:00"), At("2024-06-09 10:00")));

    [Fact]
    public void Days_off_during_the_pause_are_not_counted_and_a_make_up_Saturday_can_be_the_new_due_day() =>
        Assert.Equal(
            At("2024-05-04 17:00"),
            _calendar.ExtendForPause(At("2024-05-03 17:00"), At("2024-04-26 10:00"), At("2024-05-02 10:00")));

    [Fact]
    public void A_pause_resumed_the_same_working_day_leaves_the_due_instant_untouched()
    {
        var due = new DateTimeOffset(2024, 6, 10, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(due, _calendar.ExtendForPause(due, At("2024-06-04 10:00"), At("2024-06-04 15:00")));
        Assert.Equal(TimeSpan.Zero, _calendar.ExtendForPause(due, At("2024-06-04 10:00"), At("2024-06-04 15:00")).Offset);
    }

    [Fact]
    public void The_moved_due_keeps_its_local_time_of_day() =>
        Assert.Equal(
            At("2024-06-12 11:00"),
            _calendar.ExtendForPause(new DateTimeOffset(2024, 6, 10, 4, 0, 0, TimeSpan.Zero), At("2024-06-04 10:00"), At("2024-06-06 10:00")));

    [Fact]
    public void Resuming_before_the_pause_is_rejected() =>
        Assert.Throws<ArgumentException>(() =>
            _calendar.ExtendForPause(At("2024-06-10 17:00"), At("2024-06-06 10:00"), At("2024-06-04 10:00")));
}
