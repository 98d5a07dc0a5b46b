using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class ApproveTests
{
    [Fact]
    public void The_leader_assigned_to_the_decision_step_approves()
    {
        var state = Given(AtDecisionStep(Leader))
            .When(new Approve(Leader, March(7, 10), Result))
            .Then(new DossierApproved(Code, Result, Leader, March(7, 10)));

        Assert.Equal(DossierStatus.Decided, state.Status);
        Assert.Equal(9, state.NationalStatusCode);
        Assert.Equal(DossierOutcome.Approved, state.Outcome);
        Assert.Equal(March(7, 10), state.ResolvedAt);
        Assert.False(state.IsLate);
        Assert.False(state.IsOpen);
        Assert.False(state.IsTerminal);
    }

    [Fact]
    public void An_unassigned_decision_step_may_be_approved_by_a_leader() =>
        Given(AtDecisionStep())
            .When(new Approve(OtherLeader, March(7, 10)))
            .Then(new DossierApproved(Code, [], OtherLeader, March(7, 10)));

    [Fact]
    public void Approving_after_the_legal_deadline_is_late()
    {
        var state = Given(AtDecisionStep(Leader))
            .When(new Approve(Leader, March(11, 9), Result))
            .Then(new DossierApproved(Code, Result, Leader, March(11, 9)));

        Assert.True(state.IsLate);
    }

    [Fact]
    public void Another_leader_may_not_decide_a_step_assigned_to_someone_else() =>
        Given(AtDecisionStep(Leader))
            .When(new Approve(OtherLeader, March(7, 10), Result))
            .ThenError("not-assignee");

    [Fact]
    public void Approval_waits_for_the_decision_step() =>
        Given(Processing())
            .When(new Approve(Leader, March(4, 10), Result))
            .ThenError("not-at-decision-step");

    [Fact]
    public void A_received_dossier_cannot_be_approved_before_processing() =>
        Given(Filed(), Received())
            .When(new Approve(Leader, March(4, 10), Result))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_decided_dossier_cannot_be_approved_again() =>
        Given(Decided())
            .When(new Approve(Leader, March(7, 11), Result))
            .ThenError("not-permitted-in-state");
}
