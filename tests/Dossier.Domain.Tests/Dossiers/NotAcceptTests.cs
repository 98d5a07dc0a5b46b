using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class NotAcceptTests
{
    [Fact]
    public void Reception_may_decline_a_submitted_dossier()
    {
        var state = Given(Filed())
            .When(new NotAccept(Reception, March(3, 10), "Không thuộc thẩm quyền"))
            .Then(new DossierNotAccepted(Code, "Không thuộc thẩm quyền", Reception, March(3, 10)));

        Assert.Equal(DossierStatus.NotAccepted, state.Status);
        Assert.True(state.IsTerminal);
        Assert.False(state.IsOpen);
    }

    [Fact]
    public void A_dossier_whose_supplement_before_receipt_never_came_may_be_declined() =>
        Given(Filed(), SupplementAsked(false, March(3, 9)))
            .When(new NotAccept(Reception, March(14, 10), "Không bổ sung"))
            .Then(new DossierNotAccepted(Code, "Không bổ sung", Reception, March(14, 10)));

    [Fact]
    public void A_reason_is_required() =>
        Given(Filed())
            .When(new NotAccept(Reception, March(3, 10), "  "))
            .ThenError("reason-required");

    [Fact]
    public void A_received_dossier_can_no_longer_be_declined() =>
        Given(Filed(), Received())
            .When(new NotAccept(Reception, March(3, 10), "Sai"))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_received_dossier_awaiting_a_supplement_can_no_longer_be_declined() =>
        Given(Filed(), Received(), SupplementAsked(true, March(4, 9)))
            .When(new NotAccept(Reception, March(5, 10), "Sai"))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_declined_dossier_stays_declined() =>
        Given(Filed(), new DossierNotAccepted(Code, "Sai", Reception, March(3, 10)))
            .When(new NotAccept(Reception, March(3, 11), "Sai"))
            .ThenError("not-permitted-in-state");
}
