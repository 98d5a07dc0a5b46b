using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class WithdrawTests
{
    public static TheoryData<string> OpenStates => ["submitted", "received", "processing", "awaiting-supplement", "awaiting-payment"];

    private static IDossierEvent[] Reach(string state) => state switch
    {
        "submitted" => [Filed(Level4)],
        "received" => [Filed(Level4), ReceivedLevel4()],
        "processing" => [Filed(Level4), ReceivedLevel4(), Assigned()],
        "awaiting-supplement" => [Filed(Level4), ReceivedLevel4(), SupplementAsked(true, March(4, 9))],
        "awaiting-payment" => [Filed(Level4), ReceivedLevel4(), PaymentAsked(200_000, March(4, 9))],
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    [Theory]
    [MemberData(nameof(OpenStates))]
    public void The_owner_may_withdraw_an_open_dossier(string open)
    {
        var state = Given(Reach(open))
            .When(new Withdraw(Citizen, March(5, 10), "Không còn nhu cầu"))
            .Then(new DossierWithdrawn(Code, "Không còn nhu cầu", Citizen, March(5, 10)));

        Assert.Equal(DossierStatus.Withdrawn, state.Status);
        Assert.Equal(7, state.NationalStatusCode);
        Assert.True(state.IsTerminal);
    }

    [Fact]
    public void A_reason_is_optional() =>
        Given(Filed())
            .When(new Withdraw(Citizen, March(3, 10), " "))
            .Then(new DossierWithdrawn(Code, null, Citizen, March(3, 10)));

    [Fact]
    public void Reception_may_record_a_withdrawal_handed_in_at_the_desk() =>
        Given(FiledAtDesk(), Received())
            .When(new Withdraw(Reception, March(4, 10), "Đơn xin rút"))
            .Then(new DossierWithdrawn(Code, "Đơn xin rút", Reception, March(4, 10)));

    [Fact]
    public void Another_citizen_may_not_withdraw_the_dossier() =>
        Given(Filed(), Received())
            .When(new Withdraw(OtherCitizen, March(4, 10)))
            .ThenError("not-owner");

    [Fact]
    public void A_decided_dossier_can_no_longer_be_withdrawn() =>
        Given(Decided())
            .When(new Withdraw(Citizen, March(7, 11)))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_withdrawn_dossier_stays_withdrawn() =>
        Given(Filed(), new DossierWithdrawn(Code, null, Citizen, March(3, 10)))
            .When(new Withdraw(Citizen, March(3, 11)))
            .ThenError("not-permitted-in-state");
}
