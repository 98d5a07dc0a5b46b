using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class RequestSupplementTests
{
    [Fact]
    public void Before_receipt_a_supplement_request_starts_no_clock()
    {
        var state = Given(Filed())
            .When(new RequestSupplement(Reception, March(3, 9), "Thiếu bản sao sổ đỏ", ["Bản sao sổ đỏ"]))
            .Then(new SupplementRequested(Code, "Thiếu bản sao sổ đỏ", ["Bản sao sổ đỏ"], false, null, Reception, March(3, 9)));

        Assert.Equal(DossierStatus.AwaitingSupplement, state.Status);
        Assert.Equal(5, state.NationalStatusCode);
        Assert.Null(state.ClockPausedAt);
        Assert.Equal(DossierStatus.Submitted, state.ResumeStatus);
    }

    [Fact]
    public void After_receipt_a_supplement_request_pauses_the_clock()
    {
        var state = Given(Filed(), Received())
            .When(new RequestSupplement(Officer, March(4, 9), "Thiếu bản sao sổ đỏ", ["Bản sao sổ đỏ"]))
            .Then(new SupplementRequested(Code, "Thiếu bản sao sổ đỏ", ["Bản sao sổ đỏ"], true, null, Officer, March(4, 9)));

        Assert.Equal(March(4, 9), state.ClockPausedAt);
        Assert.Equal(DossierStatus.Received, state.ResumeStatus);
    }

    [Fact]
    public void During_processing_the_request_names_the_current_step()
    {
        var state = Given(Processing())
            .When(new RequestSupplement(Officer, March(4, 9), "Thiếu bản sao sổ đỏ", []))
            .Then(new SupplementRequested(Code, "Thiếu bản sao sổ đỏ", [], true, "appraise", Officer, March(4, 9)));

        Assert.Equal(DossierStatus.Processing, state.ResumeStatus);
        Assert.Equal("appraise", state.CurrentStepId);
        Assert.Equal(Officer.PersonId, state.Assignee);
    }

    [Fact]
    public void A_reason_is_required() =>
        Given(Filed(), Received())
            .When(new RequestSupplement(Officer, March(4, 9), "", []))
            .ThenError("reason-required");

    [Fact]
    public void A_dossier_already_awaiting_a_supplement_cannot_be_asked_again() =>
        Given(Filed(), Received(), SupplementAsked(true, March(4, 9)))
            .When(new RequestSupplement(Officer, March(4, 10), "Thêm nữa", []))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_dossier_awaiting_payment_cannot_be_asked_for_a_supplement() =>
        Given(Filed(Level4), ReceivedLevel4(), PaymentAsked(200_000, March(4, 9)))
            .When(new RequestSupplement(Officer, March(4, 10), "Thiếu", []))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_decided_dossier_cannot_be_asked_for_a_supplement() =>
        Given(Decided())
            .When(new RequestSupplement(Officer, March(7, 11), "Thiếu", []))
            .ThenError("not-permitted-in-state");
}
