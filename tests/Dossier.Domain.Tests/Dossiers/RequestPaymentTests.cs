using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class RequestPaymentTests
{
    [Fact]
    public void A_level_4_dossier_in_processing_awaits_payment_with_the_clock_paused()
    {
        var state = Given(Filed(Level4), ReceivedLevel4(), Assigned())
            .When(new RequestPayment(Officer, March(4, 10), 200_000))
            .Then(new PaymentRequested(Code, 200_000, Officer, March(4, 10)));

        Assert.Equal(DossierStatus.AwaitingPayment, state.Status);
        Assert.Equal(6, state.NationalStatusCode);
        Assert.Equal(200_000, state.AmountDue);
        Assert.Equal(March(4, 10), state.ClockPausedAt);
        Assert.Equal(DossierStatus.Processing, state.ResumeStatus);
    }

    [Fact]
    public void Reception_may_ask_for_payment_right_after_receipt() =>
        Given(Filed(Level4), ReceivedLevel4())
            .When(new RequestPayment(Reception, March(3, 10), 200_000))
            .Then(new PaymentRequested(Code, 200_000, Reception, March(3, 10)));

    [Fact]
    public void Level_3_fees_are_paid_at_the_desk_not_online() =>
        Given(Processing())
            .When(new RequestPayment(Officer, March(4, 10), 50_000))
            .ThenError("payment-not-offered");

    [Fact]
    public void The_amount_must_be_positive() =>
        Given(Filed(Level4), ReceivedLevel4())
            .When(new RequestPayment(Officer, March(4, 10), 0))
            .ThenError("amount-invalid");

    [Fact]
    public void A_dossier_not_yet_received_cannot_be_asked_to_pay() =>
        Given(Filed(Level4))
            .When(new RequestPayment(Officer, March(3, 10), 200_000))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_dossier_already_awaiting_payment_cannot_be_asked_again() =>
        Given(Filed(Level4), ReceivedLevel4(), PaymentAsked(200_000, March(4, 10)))
            .When(new RequestPayment(Officer, March(4, 11), 200_000))
            .ThenError("not-permitted-in-state");
}
