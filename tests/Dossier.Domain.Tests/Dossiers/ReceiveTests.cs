using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class ReceiveTests
{
    [Fact]
    public void Receiving_a_submitted_dossier_starts_the_clock()
    {
        var state = Given(Filed())
            .When(new Receive(Reception, ReceivedAt))
            .Then(new DossierReceived(Code, DueLevel3, 5, 2, Reception, ReceivedAt));

        Assert.Equal(DossierStatus.Received, state.Status);
        Assert.Equal(DueLevel3, state.DueAt);
        Assert.Equal(DueLevel3, state.OriginalDueAt);
    }

    [Fact]
    public void The_day_of_receipt_is_not_counted_and_weekends_are_skipped() =>
        Given(Filed())
            .When(new Receive(Reception, March(7, 16)))
            .Then(new DossierReceived(Code, March(14, 17), 5, 2, Reception, March(7, 16)));

    [Fact]
    public void Receiving_on_a_weekend_counts_as_receiving_on_monday() =>
        Given(Filed())
            .When(new Receive(Reception, March(8, 10)))
            .Then(new DossierReceived(Code, March(17, 17), 5, 2, Reception, March(8, 10)));

    [Fact]
    public void The_receipt_counts_documents_supplemented_before_receipt() =>
        Given(Filed(), SupplementAsked(false, March(3, 9)), SupplementGiven(DossierStatus.Submitted, March(3, 15), null, null))
            .When(new Receive(Reception, March(4, 9)))
            .Then(new DossierReceived(Code, March(11, 17), 5, 3, Reception, March(4, 9)));

    [Fact]
    public void A_received_dossier_cannot_be_received_again()
    {
        var error = Given(Filed(), Received())
            .When(new Receive(Reception, March(4, 9)))
            .ThenError("not-permitted-in-state");

        Assert.Contains("Received (2)", error.Message);
        Assert.Contains("Submitted (1)", error.Message);
    }

    [Fact]
    public void A_dossier_awaiting_a_supplement_cannot_be_received() =>
        Given(Filed(), SupplementAsked(false, March(3, 9)))
            .When(new Receive(Reception, March(4, 9)))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void There_is_nothing_to_receive_on_an_empty_stream() =>
        Given()
            .When(new Receive(Reception, ReceivedAt))
            .ThenError("dossier-not-found");
}
