using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class RefuseTests
{
    [Fact]
    public void Refusal_resolves_the_dossier_with_a_negative_result()
    {
        var state = Given(AtDecisionStep(Leader))
            .When(new Refuse(Leader, March(7, 10), "Không đủ điều kiện"))
            .Then(new DossierRefused(Code, "Không đủ điều kiện", Leader, March(7, 10)));

        Assert.Equal(DossierStatus.Decided, state.Status);
        Assert.Equal(DossierOutcome.Refused, state.Outcome);
        Assert.Equal(March(7, 10), state.ResolvedAt);
    }

    [Fact]
    public void A_reason_is_required() =>
        Given(AtDecisionStep(Leader))
            .When(new Refuse(Leader, March(7, 10), ""))
            .ThenError("reason-required");

    [Fact]
    public void Another_leader_may_not_refuse_a_step_assigned_to_someone_else() =>
        Given(AtDecisionStep(Leader))
            .When(new Refuse(OtherLeader, March(7, 10), "Không đủ điều kiện"))
            .ThenError("not-assignee");

    [Fact]
    public void Refusal_waits_for_the_decision_step() =>
        Given(Processing())
            .When(new Refuse(Leader, March(4, 10), "Không đủ điều kiện"))
            .ThenError("not-at-decision-step");

    [Fact]
    public void A_submitted_dossier_is_not_accepted_rather_than_refused() =>
        Given(Filed())
            .When(new Refuse(Leader, March(4, 10), "Không đủ điều kiện"))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_dossier_awaiting_a_supplement_cannot_be_refused() =>
        Given([.. AtDecisionStep(Leader), SupplementAsked(true, March(6, 9), "decide")])
            .When(new Refuse(Leader, March(7, 10), "Không đủ điều kiện"))
            .ThenError("not-permitted-in-state");
}
