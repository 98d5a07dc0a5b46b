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
    public void No_step_has_started_before_the_first_assignment() =>
        Assert.Null(DossierState.From([Filed(), Received()]).StepStartedAt);

    [Fact]
    public void The_first_assignment_starts_the_first_step() =>
        Assert.Equal(March(3, 10), DossierState.From([Filed(), Received(), Assigned(at: March(3, 10))]).StepStartedAt);

    [Fact]
    public void Reassigning_the_current_step_keeps_its_start() =>
        Assert.Equal(
            March(3, 10),
            DossierState.From([Filed(), Received(), Assigned(at: March(3, 10)), Assigned(assignee: OtherOfficer, at: March(4, 8))]).StepStartedAt);

    [Fact]
    public void Completing_a_step_starts_the_next_one_when_it_completes()
    {
        var state = DossierState.From([.. Processing(), Completed("appraise", "complete", "review", at: March(4, 15))]);

        Assert.Equal("review", state.CurrentStepId);
        Assert.Equal(March(4, 15), state.StepStartedAt);
    }

    [Fact]
    public void Assigning_the_next_step_keeps_the_start_its_predecessor_gave_it() =>
        Assert.Equal(
            March(4, 15),
            DossierState.From(
            [
                .. Processing(),
                Completed("appraise", "complete", "review", at: March(4, 15)),
                Assigned("review", OtherOfficer, March(5, 9)),
            ]).StepStartedAt);

    [Fact]
    public void Going_back_to_an_earlier_step_starts_it_again() =>
        Assert.Equal(
            March(5, 10),
            DossierState.From(
            [
                .. Processing(),
                Completed("appraise", "complete", "review", at: March(4, 15)),
                Completed("review", "recheck", "appraise", at: March(5, 10)),
            ]).StepStartedAt);

    [Fact]
    public void A_supplement_asked_for_by_a_step_outcome_keeps_the_step_and_its_start()
    {
        var state = DossierState.From(
        [
            .. Processing(),
            Completed("appraise", "incomplete", null, at: March(4, 10)),
            SupplementAsked(true, March(4, 10), "appraise"),
            SupplementGiven(DossierStatus.Processing, March(6, 9), March(12, 17), March(12, 17)),
        ]);

        Assert.Equal("appraise", state.CurrentStepId);
        Assert.Equal(March(3, 10), state.StepStartedAt);
    }

    [Fact]
    public void A_payment_pause_keeps_the_step_and_its_start()
    {
        var state = DossierState.From(
        [
            Filed(Level4),
            ReceivedLevel4(),
            Assigned(at: March(3, 11)),
            PaymentAsked(200_000, March(4, 9)),
            Paid(200_000, DossierStatus.Processing, March(4, 16), DueLevel4, DueLevel4),
        ]);

        Assert.Equal(DossierStatus.Processing, state.Status);
        Assert.Equal(March(3, 11), state.StepStartedAt);
    }

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
