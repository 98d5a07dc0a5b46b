using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class RecordReminderTests
{
    private static readonly Actor Sla = new("system:sla", Role.Admin, null);

    private static ReminderRecorded Recorded(ReminderKind kind, DateTimeOffset dueAt, DateTimeOffset at, string? stepId = null) =>
        new(Code, kind, dueAt, stepId, Sla, at);

    [Fact]
    public void An_overdue_reminder_is_recorded_without_changing_the_status()
    {
        var state = Given(Processing())
            .When(new RecordReminder(Sla, March(10, 17), ReminderKind.Overdue, DueLevel3))
            .Then(Recorded(ReminderKind.Overdue, DueLevel3, March(10, 17)));

        Assert.Equal(DossierStatus.Processing, state.Status);
        Assert.True(state.HasRecorded(ReminderKind.Overdue, DueLevel3));
        Assert.False(state.HasRecorded(ReminderKind.DeadlineApproaching, DueLevel3));
    }

    [Fact]
    public void The_same_reminder_is_refused_a_second_time() =>
        Given([.. Processing(), Recorded(ReminderKind.Overdue, DueLevel3, March(10, 17))])
            .When(new RecordReminder(Sla, March(10, 18), ReminderKind.Overdue, DueLevel3))
            .ThenError(DossierErrorCodes.ReminderAlreadyRecorded);

    [Fact]
    public void Another_kind_for_the_same_due_time_is_recorded() =>
        Given([.. Processing(), Recorded(ReminderKind.DeadlineApproaching, DueLevel3, March(7, 17))])
            .When(new RecordReminder(Sla, March(10, 17), ReminderKind.Overdue, DueLevel3))
            .Then(Recorded(ReminderKind.Overdue, DueLevel3, March(10, 17)));

    [Fact]
    public void A_stale_reminder_after_an_apology_moved_the_appointment_is_refused() =>
        Given([.. Processing(), Apologised(March(14, 17), DueLevel3, March(6, 10))])
            .When(new RecordReminder(Sla, March(10, 17), ReminderKind.Overdue, DueLevel3))
            .ThenError(DossierErrorCodes.ReminderNotDue);

    [Fact]
    public void After_an_apology_the_new_appointment_gets_its_own_reminder() =>
        Given([.. Processing(), Recorded(ReminderKind.DeadlineApproaching, DueLevel3, March(7, 17)), Apologised(March(14, 17), DueLevel3, March(6, 10))])
            .When(new RecordReminder(Sla, March(13, 17), ReminderKind.DeadlineApproaching, March(14, 17)))
            .Then(Recorded(ReminderKind.DeadlineApproaching, March(14, 17), March(13, 17)));

    [Fact]
    public void Nothing_is_recorded_while_the_clock_is_paused() =>
        Given([.. Processing(), SupplementAsked(true, March(5, 10), "appraise")])
            .When(new RecordReminder(Sla, March(10, 17), ReminderKind.Overdue, DueLevel3))
            .ThenError(DossierErrorCodes.ReminderNotDue);

    [Fact]
    public void Nothing_is_recorded_for_a_resolved_dossier() =>
        Given(Decided())
            .When(new RecordReminder(Sla, March(10, 17), ReminderKind.Overdue, DueLevel3))
            .ThenError(DossierErrorCodes.ReminderNotDue);

    [Fact]
    public void Nothing_is_recorded_for_a_withdrawn_dossier() =>
        Given([.. Processing(), new DossierWithdrawn(Code, null, Citizen, March(5, 10))])
            .When(new RecordReminder(Sla, March(10, 17), ReminderKind.Overdue, DueLevel3))
            .ThenError(DossierErrorCodes.ReminderNotDue);

    [Fact]
    public void A_step_reminder_is_about_the_current_step_only()
    {
        Given(Processing())
            .When(new RecordReminder(Sla, March(5, 17), ReminderKind.StepDue, March(5, 17), "appraise"))
            .Then(Recorded(ReminderKind.StepDue, March(5, 17), March(5, 17), "appraise"));

        Given(Processing())
            .When(new RecordReminder(Sla, March(5, 17), ReminderKind.StepDue, March(5, 17), "decide"))
            .ThenError(DossierErrorCodes.ReminderNotDue);
    }

    [Fact]
    public void The_event_has_a_stable_name() =>
        Assert.Equal("reminder-recorded.v1", DossierEventNames.NameOf(typeof(ReminderRecorded)));
}
