using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Dossier.Workflows.Engine;
using Dossier.Workflows.Tests.Engine.Support;
using static Dossier.Workflows.Tests.Engine.Support.Catalogue;

namespace Dossier.Workflows.Tests.Engine;

/// <summary>Each kind of refusal, with a reason that names what is wrong.</summary>
public sealed class RefusalTests
{
    private const string Construction = "000.00.05.H08";
    private const string Justice = "000.00.01.H08";
    private const string Police = "000.00.90.H08";

    /// <summary>1.009994 (building permit): check → consult → site-inspection → approve; at check, assigned to officer@000.00.05.H08.</summary>
    private static DossierDriver AtCheck()
    {
        var driver = DossierDriver.FiledOnline(Procedure("1.009994"));
        new FollowingClient(driver).Run(s => s.Status == DossierStatus.Processing);
        Assert.Equal("check", driver.State.CurrentStepId);
        return driver;
    }

    [Fact]
    public void at_an_assigned_step_each_person_is_offered_their_own_actions()
    {
        var driver = AtCheck();

        Assert.Equal(
            [DossierAction.RequestSupplement, DossierAction.CompleteStep, DossierAction.IssueApology],
            driver.Permitted(driver.Officer));
        Assert.Equal([DossierAction.Assign, DossierAction.IssueApology, DossierAction.Stop], driver.Permitted(driver.Leader));
        Assert.Equal([DossierAction.RequestSupplement, DossierAction.Assign], driver.Permitted(driver.Reception));
        Assert.Equal([DossierAction.Withdraw], driver.Permitted(DossierDriver.Owner));
        Assert.Empty(driver.Permitted(new Actor("auditor", Role.Auditor, null)));
    }

    [Fact]
    public void approving_before_the_decision_step_is_not_in_state()
    {
        var driver = AtCheck();
        var check = driver.Workflow.Check(DossierAction.Approve, driver.State, driver.Leader);

        Assert.Equal(RefusalKind.NotInState, check.Refusal);
        Assert.Equal("approve is permitted only at step 'approve'; the dossier is at step 'check'.", check.Reason);
    }

    [Fact]
    public void another_officer_may_not_complete_a_step_assigned_to_someone_else()
    {
        var driver = AtCheck();
        var check = driver.Workflow.Check(DossierAction.CompleteStep, driver.State, new Actor("officer-2", Role.Officer, Construction));

        Assert.Equal(RefusalKind.NotAssignee, check.Refusal);
        Assert.Equal($"complete-step is for the assignee of step 'check' (officer@{Construction}).", check.Reason);
    }

    [Fact]
    public void nobody_completes_a_step_before_it_is_assigned()
    {
        var driver = AtCheck();
        driver.Act(new CompleteStep(driver.Officer, driver.Now, DossierDriver.Opinion, "ok"));
        var check = driver.Workflow.Check(DossierAction.CompleteStep, driver.State, driver.Officer);

        Assert.Equal(RefusalKind.NotInState, check.Refusal);
        Assert.Equal("Step 'consult' has no assignee yet; assign it before you complete-step.", check.Reason);
        Assert.Contains(DossierAction.Assign, driver.Permitted(driver.Leader));
    }

    [Fact]
    public void a_leader_may_not_complete_an_officers_step()
    {
        var driver = AtCheck();
        var check = driver.Workflow.Check(DossierAction.CompleteStep, driver.State, driver.Leader);

        Assert.Equal(RefusalKind.Role, check.Refusal);
        Assert.Equal("complete-step at step 'check' is for the assigned officer; you act as leader.", check.Reason);
    }

    [Fact]
    public void a_role_outside_the_api_table_is_refused_for_the_role()
    {
        var driver = AtCheck();
        var check = driver.Workflow.Check(DossierAction.Receive, driver.State, new Actor("auditor", Role.Auditor, null));

        Assert.Equal(RefusalKind.Role, check.Refusal);
        Assert.Equal("receive is for reception; you act as auditor.", check.Reason);
    }

    [Theory]
    [InlineData("079201000002", Role.Citizen, null)]
    [InlineData("officer@000.00.99.H08", Role.Officer, "000.00.99.H08")]
    [InlineData("admin", Role.Admin, null)]
    public void someone_who_may_not_see_the_dossier_is_told_it_is_not_there(string person, Role role, string? agency)
    {
        var driver = AtCheck();
        var caller = new Actor(person, role, agency);
        var check = driver.Workflow.Check(DossierAction.Withdraw, driver.State, caller);

        Assert.Equal(RefusalKind.NotVisible, check.Refusal);
        Assert.False(driver.Workflow.CanSee(driver.State, caller));
        Assert.Empty(driver.Permitted(caller));
    }

    [Fact]
    public void the_applicant_of_a_desk_dossier_is_recognised_by_their_id_number()
    {
        var driver = DossierDriver.FiledAtDesk(Procedure("1.009994"));

        Assert.True(driver.Workflow.CanSee(driver.State, DossierDriver.Owner));
        Assert.Equal([DossierAction.Withdraw], driver.Permitted(DossierDriver.Owner));
        Assert.False(driver.Workflow.CanSee(driver.State, DossierDriver.Stranger));
    }

    [Fact]
    public void staff_of_a_lien_thong_unit_act_only_at_their_step()
    {
        var driver = DossierDriver.FiledOnline(Procedure("2.000505"));
        new FollowingClient(driver) { ChooseOutcome = _ => "needsVerification" }.Run(s => s.CurrentStepId == "police-verification");
        var policeLeader = DossierDriver.Staff(Role.Leader, Police);
        var policeOfficer = DossierDriver.Staff(Role.Officer, Police);
        var justiceOfficer = DossierDriver.Staff(Role.Officer, Justice);

        Assert.Equal([DossierAction.Assign], driver.Permitted(policeLeader));
        var wrongUnit = driver.Workflow.Check(DossierAction.Assign, driver.State, driver.Leader);
        Assert.Equal(RefusalKind.WrongAgency, wrongUnit.Refusal);
        Assert.Equal($"assign at step 'police-verification' is for the leader of {Police}; you act for {Justice}.", wrongUnit.Reason);

        driver.Act(new Assign(policeLeader, driver.Now, policeOfficer.PersonId));
        Assert.Equal(
            [DossierAction.RequestSupplement, DossierAction.CompleteStep],
            driver.Permitted(policeOfficer));
        var justice = driver.Workflow.Check(DossierAction.CompleteStep, driver.State, justiceOfficer);
        Assert.Equal(RefusalKind.WrongAgency, justice.Refusal);
        Assert.Equal($"complete-step at step 'police-verification' is for the officer of {Police}; you act for {Justice}.", justice.Reason);

        driver.Act(new CompleteStep(policeOfficer, driver.Now, "Không có án tích"));
        Assert.Empty(driver.Permitted(policeOfficer));
        Assert.Equal(RefusalKind.WrongAgency, driver.Workflow.Check(DossierAction.Assign, driver.State, policeLeader).Refusal);
    }

    [Fact]
    public void a_decision_step_at_another_unit_is_decided_by_that_units_leader()
    {
        const string socialInsurance = "000.01.91.H08";
        var driver = DossierDriver.FiledOnline(Procedure("2.002621"));
        new FollowingClient(driver).Run(s => s.CurrentStepId == "issue-health-insurance");
        var insuranceLeader = DossierDriver.Staff(Role.Leader, socialInsurance);

        Assert.Null(driver.State.Assignee);
        Assert.Contains(DossierAction.Approve, driver.Permitted(insuranceLeader));
        var commune = driver.Workflow.Check(DossierAction.Approve, driver.State, driver.Leader);
        Assert.Equal(RefusalKind.WrongAgency, commune.Refusal);
        Assert.Equal($"approve at step 'issue-health-insurance' is for the leader of {socialInsurance}; you act for {driver.Agency}.", commune.Reason);

        driver.Act(new Assign(insuranceLeader, driver.Now, "leader-2@" + socialInsurance));
        var notAssignee = driver.Workflow.Check(DossierAction.Refuse, driver.State, insuranceLeader);
        Assert.Equal(RefusalKind.NotAssignee, notAssignee.Refusal);
        Assert.Equal($"refuse is for the assignee of step 'issue-health-insurance' (leader-2@{socialInsurance}).", notAssignee.Reason);
        Assert.True(driver.Workflow.Check(DossierAction.Approve, driver.State, new Actor("leader-2@" + socialInsurance, Role.Leader, socialInsurance)).IsAllowed);
    }

    [Fact]
    public void the_appointment_moves_only_once()
    {
        var driver = AtCheck();
        driver.Act(new IssueApology(driver.Officer, driver.Now, "Cần xác minh", driver.State.DueAt!.Value.AddDays(7)));
        var check = driver.Workflow.Check(DossierAction.IssueApology, driver.State, driver.Leader);

        Assert.Equal(RefusalKind.NotInState, check.Refusal);
        Assert.Equal($"An apology was already issued for dossier {driver.State.Code}; the appointment may be moved only once.", check.Reason);
    }

    [Fact]
    public void a_dossier_is_rated_once_and_its_level_3_result_is_handed_over_at_the_desk()
    {
        var driver = AtCheck();
        new FollowingClient(driver).Run(s => s.Status == DossierStatus.Decided);
        var online = driver.Workflow.Check(DossierAction.ReturnResult, driver.State, DossierDriver.Owner);
        Assert.Equal(RefusalKind.Role, online.Refusal);
        Assert.Equal("return-result is for the reception; you act as citizen.", online.Reason);

        new FollowingClient(driver).Run();
        var again = driver.Workflow.Check(DossierAction.Rate, driver.State, DossierDriver.Owner);
        Assert.Equal(RefusalKind.NotInState, again.Refusal);
        Assert.Equal($"Dossier {driver.State.Code} was already rated (VerySatisfied).", again.Reason);
    }

    [Fact]
    public void a_closed_dossier_says_where_an_action_would_have_been_possible()
    {
        var driver = AtCheck();
        new FollowingClient(driver).Run();
        var check = driver.Workflow.Check(DossierAction.Withdraw, driver.State, DossierDriver.Owner);

        Assert.Equal(RefusalKind.NotInState, check.Refusal);
        Assert.Equal(
            "withdraw is permitted only when submitted, when received, at any step or when awaiting a supplement; the dossier is closed: its result was returned.",
            check.Reason);
    }

    [Fact]
    public void processing_cannot_be_stopped_before_receipt()
    {
        var driver = DossierDriver.FiledOnline(Procedure("1.009994"));
        driver.Act(new RequestSupplement(driver.Reception, driver.Now, "Thiếu tờ khai", ["Tờ khai"]));
        var check = driver.Workflow.Check(DossierAction.Stop, driver.State, driver.Leader);

        Assert.Equal(RefusalKind.NotInState, check.Refusal);
        Assert.Equal($"stop is permitted only after receipt; dossier {driver.State.Code} has not been received.", check.Reason);
        Assert.False(driver.Workflow.AllowsInState(DossierAction.Stop, driver.State));
        Assert.True(driver.Workflow.AllowsInState(DossierAction.NotAccept, driver.State));
    }

    [Fact]
    public void a_citizen_acting_on_a_received_dossier_at_the_desk_is_refused_for_the_role()
    {
        var driver = AtCheck();
        var check = driver.Workflow.Check(DossierAction.Receive, driver.State, driver.Reception);

        Assert.Equal(RefusalKind.NotInState, check.Refusal);
        Assert.Equal("receive is permitted only when submitted; the dossier is at step 'check'.", check.Reason);
    }
}
