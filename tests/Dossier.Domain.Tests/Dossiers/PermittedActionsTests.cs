using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class PermittedActionsTests
{
    private static DossierAction[] Permitted(Dossier.Domain.Procedures.Procedure procedure, Dossier.Domain.Access.Actor actor, params IDossierEvent[] events) =>
        [.. DossierDecider.PermittedActions(DossierState.From(events), procedure, actor)];

    [Fact]
    public void A_submitted_dossier_can_be_received_declined_supplemented_or_withdrawn() =>
        Assert.Equal(
            [DossierAction.Receive, DossierAction.NotAccept, DossierAction.RequestSupplement, DossierAction.Withdraw],
            Permitted(Level3, Reception, Filed()));

    [Fact]
    public void The_assignee_may_complete_the_step_and_others_may_not()
    {
        Assert.Contains(DossierAction.CompleteStep, Permitted(Level3, Officer, Processing()));
        Assert.DoesNotContain(DossierAction.CompleteStep, Permitted(Level3, OtherOfficer, Processing()));
    }

    [Fact]
    public void Payment_is_offered_only_at_level_4()
    {
        Assert.DoesNotContain(DossierAction.RequestPayment, Permitted(Level3, Officer, Processing()));
        Assert.Contains(DossierAction.RequestPayment, Permitted(Level4, Officer, Filed(Level4), ReceivedLevel4(), Assigned()));
    }

    [Fact]
    public void A_decided_dossier_awaits_its_result_and_its_rating()
    {
        Assert.Equal([DossierAction.ReturnResult, DossierAction.Rate], Permitted(Level3, Citizen, Decided()));
        Assert.Equal([DossierAction.ReturnResult], Permitted(Level3, OtherCitizen, Decided()));
    }

    [Fact]
    public void An_empty_stream_permits_nothing() =>
        Assert.Empty(Permitted(Level3, Citizen));

    [Fact]
    public void Action_names_match_the_api_routes() =>
        Assert.Equal(
            "receive not-accept request-supplement provide-supplement assign complete-step request-payment pay approve "
            + "refuse issue-apology return-result withdraw stop rate",
            string.Join(' ', Enum.GetValues<DossierAction>().Select(a => a.Name())));
}
