using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class AssignTests
{
    [Fact]
    public void Assigning_a_received_dossier_starts_processing_at_the_first_step()
    {
        var state = Given(Filed(), Received())
            .When(new Assign(Leader, March(3, 10), Officer.PersonId))
            .Then(new DossierAssigned(Code, "appraise", Officer.PersonId, Leader, March(3, 10)));

        Assert.Equal(DossierStatus.Processing, state.Status);
        Assert.Equal(4, state.NationalStatusCode);
        Assert.Equal("appraise", state.CurrentStepId);
        Assert.Equal(Officer.PersonId, state.Assignee);
    }

    [Fact]
    public void Processing_may_name_its_first_step() =>
        Given(Filed(), Received())
            .When(new Assign(Reception, March(3, 10), Officer.PersonId, "appraise"))
            .Then(new DossierAssigned(Code, "appraise", Officer.PersonId, Reception, March(3, 10)));

    [Fact]
    public void Processing_cannot_skip_to_a_later_step() =>
        Given(Filed(), Received())
            .When(new Assign(Reception, March(3, 10), Officer.PersonId, "review"))
            .ThenError("not-current-step");

    [Fact]
    public void The_current_step_may_be_reassigned() =>
        Given(Processing())
            .When(new Assign(Leader, March(4, 8), OtherOfficer.PersonId))
            .Then(new DossierAssigned(Code, "appraise", OtherOfficer.PersonId, Leader, March(4, 8)));

    [Fact]
    public void The_next_step_is_assigned_after_the_previous_one_completed()
    {
        var state = Given([.. Processing(), Completed("appraise", "complete", "review")])
            .When(new Assign(Leader, March(4, 11), OtherOfficer.PersonId, "review"))
            .Then(new DossierAssigned(Code, "review", OtherOfficer.PersonId, Leader, March(4, 11)));

        Assert.Equal("review", state.CurrentStepId);
        Assert.Equal(OtherOfficer.PersonId, state.Assignee);
    }

    [Fact]
    public void During_processing_only_the_current_step_can_be_assigned() =>
        Given(Processing())
            .When(new Assign(Leader, March(4, 8), Leader.PersonId, "decide"))
            .ThenError("not-current-step");

    [Fact]
    public void An_unknown_step_is_refused() =>
        Given(Filed(), Received())
            .When(new Assign(Leader, March(3, 10), Officer.PersonId, "inspect"))
            .ThenError("unknown-step");

    [Fact]
    public void An_assignee_is_required() =>
        Given(Filed(), Received())
            .When(new Assign(Leader, March(3, 10), " "))
            .ThenError("assignee-required");

    [Fact]
    public void A_dossier_not_yet_received_cannot_be_assigned() =>
        Given(Filed())
            .When(new Assign(Leader, March(3, 10), Officer.PersonId))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_dossier_awaiting_a_supplement_cannot_be_assigned() =>
        Given([.. Processing(), SupplementAsked(true, March(4, 9), "appraise")])
            .When(new Assign(Leader, March(4, 10), OtherOfficer.PersonId))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_decided_dossier_cannot_be_assigned() =>
        Given(Decided())
            .When(new Assign(Leader, March(7, 11), Officer.PersonId))
            .ThenError("not-permitted-in-state");
}
