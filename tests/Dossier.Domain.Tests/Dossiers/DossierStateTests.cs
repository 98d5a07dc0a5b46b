using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class DossierStateTests
{
    [Theory]
    [InlineData(DossierStatus.Submitted, 1, true, false)]
    [InlineData(DossierStatus.Received, 2, true, false)]
    [InlineData(DossierStatus.NotAccepted, 3, false, true)]
    [InlineData(DossierStatus.Processing, 4, true, false)]
    [InlineData(DossierStatus.AwaitingSupplement, 5, true, false)]
    [InlineData(DossierStatus.AwaitingPayment, 6, true, false)]
    [InlineData(DossierStatus.Withdrawn, 7, false, true)]
    [InlineData(DossierStatus.Stopped, 8, false, true)]
    [InlineData(DossierStatus.Decided, 9, false, false)]
    [InlineData(DossierStatus.ResultReturned, 10, false, true)]
    public void Statuses_carry_the_national_portal_codes(DossierStatus status, int code, bool open, bool terminal)
    {
        Assert.Equal(code, status.NationalStatusCode());
        Assert.Equal(open, status.IsOpen());
        Assert.Equal(terminal, status.IsTerminal());
    }

    [Theory]
    [InlineData(Channel.InPerson, 1)]
    [InlineData(Channel.Online, 2)]
    [InlineData(Channel.Post, 3)]
    public void Channels_carry_the_national_portal_codes(Channel channel, int code) =>
        Assert.Equal(code, channel.NationalCode());

    [Fact]
    public void An_empty_stream_has_no_dossier()
    {
        Assert.False(DossierState.Initial.Exists);
        Assert.Equal(DossierStatus.None, DossierState.Initial.Status);
        Assert.False(DossierState.Initial.IsLate);
    }

    [Fact]
    public void A_dossier_resolved_on_its_due_instant_is_not_late() =>
        Assert.False(DossierState.From([.. AtDecisionStep(Leader), Approved(DueLevel3)]).IsLate);

    [Fact]
    public void A_dossier_resolved_after_its_original_due_instant_is_late_even_within_the_apology() =>
        Assert.True(DossierState.From(
        [
            .. AtDecisionStep(Leader),
            Apologised(March(14, 17), DueLevel3, March(6, 10)),
            Approved(March(11, 9)),
        ]).IsLate);

    [Fact]
    public void An_unknown_event_is_refused_loudly() =>
        Assert.Throws<ArgumentException>(() => DossierState.Evolve(DossierState.Initial, new Stranger()));

    private sealed record Stranger : IDossierEvent
    {
        public DossierCode Code => default;

        public Access.Actor By => Citizen;

        public DateTimeOffset At => FiledAt;
    }
}
