using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class ReturnResultTests
{
    private static IDossierEvent[] DecidedLevel4() =>
    [
        Filed(Level4), ReceivedLevel4(), Assigned(), Completed("appraise", null, "decide"),
        Assigned("decide", Leader, March(4, 11)), Approved(March(5, 10)),
    ];

    [Fact]
    public void Returning_the_result_in_person_closes_the_dossier()
    {
        var state = Given(Decided())
            .When(new ReturnResult(Reception, March(10, 9), ResultDelivery.InPerson))
            .Then(new ResultReturned(Code, ResultDelivery.InPerson, Reception, March(10, 9)));

        Assert.Equal(DossierStatus.ResultReturned, state.Status);
        Assert.Equal(10, state.NationalStatusCode);
        Assert.True(state.IsTerminal);
        Assert.Equal(ResultDelivery.InPerson, state.ResultDelivery);
    }

    [Fact]
    public void A_refusal_is_returned_like_any_result() =>
        Given([.. AtDecisionStep(Leader), Refused()])
            .When(new ReturnResult(Reception, March(10, 9), ResultDelivery.InPerson))
            .Then(new ResultReturned(Code, ResultDelivery.InPerson, Reception, March(10, 9)));

    [Fact]
    public void A_level_4_result_may_be_returned_online() =>
        Given(DecidedLevel4())
            .When(new ReturnResult(Leader, March(5, 11), ResultDelivery.Online))
            .Then(new ResultReturned(Code, ResultDelivery.Online, Leader, March(5, 11)));

    [Fact]
    public void A_level_4_result_may_be_posted() =>
        Given(DecidedLevel4())
            .When(new ReturnResult(Reception, March(5, 11), ResultDelivery.Post))
            .Then(new ResultReturned(Code, ResultDelivery.Post, Reception, March(5, 11)));

    [Fact]
    public void A_level_3_result_is_never_returned_online() =>
        Given(Decided())
            .When(new ReturnResult(Reception, March(10, 9), ResultDelivery.Online))
            .ThenError("delivery-not-offered");

    [Fact]
    public void Only_the_procedure_s_delivery_methods_are_accepted() =>
        Given(Decided())
            .When(new ReturnResult(Reception, March(10, 9), ResultDelivery.Post))
            .ThenError("delivery-not-offered");

    [Fact]
    public void There_is_no_result_before_the_decision() =>
        Given(AtDecisionStep(Leader))
            .When(new ReturnResult(Reception, March(10, 9), ResultDelivery.InPerson))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_result_is_returned_once() =>
        Given([.. Decided(), Returned()])
            .When(new ReturnResult(Reception, March(10, 10), ResultDelivery.InPerson))
            .ThenError("not-permitted-in-state");
}
