using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Projections.Statistics;

namespace Dossier.Projections.Tests.Statistics;

/// <summary>The per-dossier facts folded from events: timing classes at their boundaries and the deadline history.</summary>
public sealed class DossierFactsTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Vietnam();
    private static readonly DossierCode Code = DossierCode.Create("000.00.01.H08", new DateOnly(2026, 11, 2), 1);
    private static readonly Actor Desk = new("desk", Role.Reception, "000.00.01.H08");
    private static readonly ProcedureRef Procedure = new("9.000001", 1, "Chứng thực", "000.00.01.H08", ServiceLevel.Level4, 3, SupplementPolicy.Pause);

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, WorkingCalendar.VietnamOffset);

    [Theory]
    [InlineData(4, 9, 0, ResolutionTiming.BeforeDeadline)]
    [InlineData(4, 23, 59, ResolutionTiming.BeforeDeadline)]
    [InlineData(5, 0, 0, ResolutionTiming.OnTime)]
    [InlineData(5, 17, 0, ResolutionTiming.OnTime)]
    [InlineData(5, 17, 1, ResolutionTiming.Late)]
    [InlineData(6, 8, 0, ResolutionTiming.Late)]
    public void the_timing_of_a_decision_is_judged_on_local_days_and_the_due_time(int day, int hour, int minute, ResolutionTiming expected) =>
        Assert.Equal(expected, DossierFacts.TimingOf(At(day, hour, minute), At(5, 17)));

    [Fact]
    public void the_deadline_history_records_receipt_pause_and_resumption_and_judges_overdue_as_of_a_moment()
    {
        // Received Monday 2/11 09:00, 3 working days: due Thursday 5/11 17:00. Paused Wednesday 4/11, resumed Monday 9/11.
        IDossierEvent[] events =
        [
            new DossierFiled(Code, Procedure, Channel.InPerson, new Applicant("A", "1"), null, null, [], null, Desk, At(2, 9)),
            new DossierReceived(Code, At(5, 17), 3, 0, Desk, At(2, 9)),
            new SupplementRequested(Code, "Thiếu", [], true, null, Desk, At(4, 10)),
            new SupplementProvided(Code, [], DossierStatus.Received, At(10, 17), At(10, 17), Desk, At(9, 10)),
        ];
        DossierFacts? facts = null;
        for (var i = 0; i < events.Length; i++)
        {
            facts = DossierFacts.Fold(facts, Code.ToString(), events[i], i + 1, Calendar);
        }

        Assert.NotNull(facts);
        Assert.Equal(
            [
                new DeadlinePoint(At(2, 9).ToUniversalTime(), At(5, 17).ToUniversalTime(), null),
                new DeadlinePoint(At(4, 10).ToUniversalTime(), At(5, 17).ToUniversalTime(), At(4, 10).ToUniversalTime()),
                new DeadlinePoint(At(9, 10).ToUniversalTime(), At(10, 17).ToUniversalTime(), null),
            ],
            facts.Deadlines);
        // Friday 6/11 at noon the clock stands still: the deadline has moved on with it, so not overdue.
        Assert.False(facts.IsOverdue(At(7, 0), At(6, 12), Calendar));
        Assert.True(facts.IsOpenAt(At(7, 0)));
        // Wednesday 11/11 the resumed deadline (Tuesday 10/11 17:00) has passed.
        Assert.True(facts.IsOverdue(At(12, 0), At(11, 9), Calendar));
        Assert.Equal(DossierStatus.Received, facts.Status);
    }

    [Fact]
    public void an_event_before_the_filing_is_refused_rather_than_skipped() =>
        Assert.Throws<InvalidOperationException>(() =>
            DossierFacts.Fold(null, Code.ToString(), new DossierReceived(Code, At(5, 17), 3, 0, Desk, At(2, 9)), 1, Calendar));
}
