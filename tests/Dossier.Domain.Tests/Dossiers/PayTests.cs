using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class PayTests
{
    private static IDossierEvent[] AwaitingPayment() =>
        [Filed(Level4), ReceivedLevel4(), Assigned(), PaymentAsked(200_000, March(4, 10))];

    [Fact]
    public void Paying_the_amount_due_resumes_the_clock_keeping_the_days_used()
    {
        // Due Thursday 6; paused Tuesday 4, paid Wednesday 5: one working day stood still.
        var state = Given(AwaitingPayment())
            .When(new Pay(Citizen, March(5, 15), 200_000, "VNPAY-123"))
            .Then(new PaymentMade(Code, 200_000, "VNPAY-123", DossierStatus.Processing, March(7, 17), March(7, 17), Citizen, March(5, 15)));

        Assert.Equal(DossierStatus.Processing, state.Status);
        Assert.Equal("appraise", state.CurrentStepId);
        Assert.Equal(Officer.PersonId, state.Assignee);
        Assert.Null(state.AmountDue);
        Assert.Equal(200_000, state.AmountPaid);
        Assert.Null(state.ClockPausedAt);
        Assert.Equal(March(7, 17), state.OriginalDueAt);
    }

    [Fact]
    public void A_dossier_asked_to_pay_on_receipt_returns_to_received() =>
        Given(Filed(Level4), ReceivedLevel4(), PaymentAsked(200_000, March(3, 10)))
            .When(new Pay(Citizen, March(3, 11), 200_000, "VNPAY-123"))
            .Then(new PaymentMade(Code, 200_000, "VNPAY-123", DossierStatus.Received, DueLevel4, DueLevel4, Citizen, March(3, 11)));

    [Fact]
    public void The_amount_must_match_the_amount_due()
    {
        var error = Given(AwaitingPayment())
            .When(new Pay(Citizen, March(5, 15), 150_000, "VNPAY-123"))
            .ThenError("amount-mismatch");

        Assert.Contains("200000", error.Message);
    }

    [Fact]
    public void A_payment_reference_is_required() =>
        Given(AwaitingPayment())
            .When(new Pay(Citizen, March(5, 15), 200_000, ""))
            .ThenError("reference-required");

    [Fact]
    public void Another_citizen_may_not_pay_through_this_dossier() =>
        Given(AwaitingPayment())
            .When(new Pay(OtherCitizen, March(5, 15), 200_000, "VNPAY-123"))
            .ThenError("not-owner");

    [Fact]
    public void Reception_may_record_a_payment_made_at_the_desk() =>
        Given(AwaitingPayment())
            .When(new Pay(Reception, March(5, 15), 200_000, "BIENLAI-7"))
            .Then(new PaymentMade(Code, 200_000, "BIENLAI-7", DossierStatus.Processing, March(7, 17), March(7, 17), Reception, March(5, 15)));

    [Fact]
    public void Nothing_can_be_paid_when_no_payment_was_asked_for() =>
        Given(Filed(Level4), ReceivedLevel4(), Assigned())
            .When(new Pay(Citizen, March(5, 15), 200_000, "VNPAY-123"))
            .ThenError("not-permitted-in-state");
}
