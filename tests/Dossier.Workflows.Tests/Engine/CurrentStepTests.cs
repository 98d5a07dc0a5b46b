using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Dossier.Workflows.Tests.Engine.Support;
using static Dossier.Workflows.Tests.Engine.Support.Catalogue;

namespace Dossier.Workflows.Tests.Engine;

public sealed class CurrentStepTests
{
    [Fact]
    public void a_submitted_dossier_has_no_step_yet() =>
        Assert.Null(DossierDriver.FiledOnline(Procedure("1.009994")).Step);

    [Fact]
    public void a_received_dossier_shows_its_first_step_not_yet_started()
    {
        var driver = DossierDriver.FiledOnline(Procedure("1.009994"));
        new FollowingClient(driver).Run(s => s.Status == DossierStatus.Received);
        var step = driver.Step!;

        Assert.Equal("check", step.Id);
        Assert.Equal(Role.Officer, step.Role);
        Assert.Equal("000.00.05.H08", step.Agency);
        Assert.Null(step.Assignee);
        Assert.Null(step.StartedAt);
        Assert.Null(step.DueAt);
        Assert.Equal(["ok", "needsSupplement"], step.Outcomes.Select(o => o.Name));
    }

    [Fact]
    public void a_step_is_due_its_working_days_after_it_started()
    {
        // Filed and received on Monday 2 March 2026, assigned at 09:30: five working days later is Monday 9 March.
        var driver = DossierDriver.FiledOnline(Procedure("1.009994"));
        new FollowingClient(driver).Run(s => s.Status == DossierStatus.Processing);
        var step = driver.Step!;

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 30, 0, Vietnam), step.StartedAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 17, 0, 0, Vietnam), step.DueAt);
        Assert.Equal(5, step.WorkingDays);
        Assert.Equal("officer@000.00.05.H08", step.Assignee);
        Assert.False(step.IsDecision);
    }

    [Fact]
    public void the_next_step_starts_when_the_previous_one_completes()
    {
        var driver = DossierDriver.FiledOnline(Procedure("1.009994"));
        new FollowingClient(driver).Run(s => s.CurrentStepId == "consult");

        // check was completed at 10:30 on Monday; consult allows seven working days: Wednesday 11 March.
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 30, 0, Vietnam), driver.Step!.StartedAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 17, 0, 0, Vietnam), driver.Step.DueAt);
        Assert.Null(driver.Step.Assignee);
    }

    [Fact]
    public void a_step_across_a_holiday_is_due_after_it()
    {
        // Assigned on Wednesday 29 April 2026: 30 April and 1 May are holidays, so two working days end on Tuesday 5 May.
        var driver = DossierDriver.FiledOnline(Procedure("1.000656"), new DateTimeOffset(2026, 4, 29, 7, 30, 0, Vietnam));
        new FollowingClient(driver).Run(s => s.Status == DossierStatus.Processing);

        Assert.Equal(new DateTimeOffset(2026, 5, 5, 17, 0, 0, Vietnam), driver.Step!.DueAt);
    }

    [Fact]
    public void a_paused_step_stays_the_current_step()
    {
        var driver = DossierDriver.FiledOnline(Procedure("1.009994"));
        new FollowingClient(driver).Run(s => s.Status == DossierStatus.Processing);
        var started = driver.Step!.StartedAt;
        driver.Act(new CompleteStep(driver.Officer, driver.Now, "Thiếu bản vẽ", "needsSupplement"));

        Assert.Equal(DossierStatus.AwaitingSupplement, driver.State.Status);
        Assert.Equal("check", driver.Step!.Id);
        Assert.Equal(started, driver.Step.StartedAt);
    }

    [Fact]
    public void the_decision_step_is_marked_and_a_decided_dossier_has_no_step()
    {
        var driver = DossierDriver.FiledOnline(Procedure("1.001193"));
        new FollowingClient(driver).Run(s => s.Status == DossierStatus.Processing);
        Assert.True(driver.Step!.IsDecision);
        Assert.Empty(driver.Step.Outcomes);

        new FollowingClient(driver).Run(s => s.Status == DossierStatus.Decided);
        Assert.Null(driver.Step);
    }
}
