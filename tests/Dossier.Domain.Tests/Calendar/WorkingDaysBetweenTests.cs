using Dossier.Domain.Calendar;
using static Dossier.Domain.Tests.Calendar.VietnamTime;

namespace Dossier.Domain.Tests.Calendar;

/// <summary>The working days a dossier took, counted like its allowance: from the day after receipt to the day of the decision.</summary>
public sealed class WorkingDaysBetweenTests
{
    private readonly WorkingCalendar _calendar = WorkingCalendar.Vietnam();

    [Theory]
    [InlineData("2024-06-03 10:00", "2024-06-03 15:00", 0)]
    [InlineData("2024-06-03 10:00", "2024-06-04 09:00", 1)]
    [InlineData("2024-06-03 10:00", "2024-06-04 18:00", 1)]
    [InlineData("2024-06-03 17:30", "2024-06-04 15:00", 0)]
    [InlineData("2024-06-03 10:00", "2024-06-08 10:00", 4)]
    [InlineData("2021-02-09 10:00", "2021-02-19 10:00", 3)]
    [InlineData("2024-06-04 10:00", "2024-06-03 10:00", 0)]
    public void Counts_the_working_days_after_the_effective_day_of_receipt_up_to_the_day_of_the_decision(string from, string to, int expected) =>
        Assert.Equal(expected, _calendar.WorkingDaysBetween(At(from), At(to)));

    [Fact]
    public void A_dossier_decided_at_its_due_instant_took_exactly_its_allowance()
    {
        var receivedAt = At("2024-02-07 16:00");

        Assert.Equal(7, _calendar.WorkingDaysBetween(receivedAt, _calendar.DueAt(receivedAt, 7)));
    }
}
