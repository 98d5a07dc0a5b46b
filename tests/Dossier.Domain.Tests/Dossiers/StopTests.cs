using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class StopTests
{
    public static TheoryData<string> ReceivedOpenStates => ["received", "processing", "awaiting-supplement", "awaiting-payment"];

    private static IDossierEvent[] Reach(string state) => state switch
    {
        "received" => [Filed(Level4), ReceivedLevel4()],
        "processing" => [Filed(Level4), ReceivedLevel4(), Assigned()],
        "awaiting-supplement" => [Filed(Level4), ReceivedLevel4(), SupplementAsked(true, March(4, 9))],
        "awaiting-payment" => [Filed(Level4), ReceivedLevel4(), PaymentAsked(200_000, March(4, 9))],
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    [Theory]
    [MemberData(nameof(ReceivedOpenStates))]
    public void A_leader_may_stop_a_received_open_dossier(string open)
    {
        var state = Given(Reach(open))
            .When(new Stop(Leader, March(5, 10), "Có tranh chấp"))
            .Then(new ProcessingStopped(Code, "Có tranh chấp", Leader, March(5, 10)));

        Assert.Equal(DossierStatus.Stopped, state.Status);
        Assert.Equal(8, state.NationalStatusCode);
        Assert.True(state.IsTerminal);
    }

    [Fact]
    public void A_reason_is_required() =>
        Given(Processing())
            .When(new Stop(Leader, March(5, 10), ""))
            .ThenError("reason-required");

    [Fact]
    public void A_dossier_not_yet_received_is_not_accepted_rather_than_stopped() =>
        Given(Filed())
            .When(new Stop(Leader, March(3, 10), "Có tranh chấp"))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_supplement_asked_for_before_receipt_does_not_make_the_dossier_stoppable() =>
        Given(Filed(), SupplementAsked(false, March(3, 9)))
            .When(new Stop(Leader, March(3, 10), "Có tranh chấp"))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_decided_dossier_cannot_be_stopped() =>
        Given(Decided())
            .When(new Stop(Leader, March(7, 11), "Có tranh chấp"))
            .ThenError("not-permitted-in-state");
}
