using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Domain.Tests.Dossiers.Support;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

/// <summary>Whole lives of a dossier, one command after another, each decided on the state the previous ones left.</summary>
public class WalkthroughTests
{
    [Fact]
    public void A_level_3_dossier_from_online_submission_to_rating()
    {
        var dossier = new Walk(Level3);

        dossier.Do(new FileOnline(Citizen, FiledAt, Code, Nguyen, "Xin cấp phép", Documents), DossierStatus.Submitted);
        dossier.Do(new RequestSupplement(Reception, March(3, 8, 30), "Thiếu bản sao CCCD", ["CCCD"]), DossierStatus.AwaitingSupplement);
        Assert.Null(dossier.State.ClockPausedAt);
        dossier.Do(new ProvideSupplement(Citizen, March(3, 8, 45), Supplement), DossierStatus.Submitted);
        dossier.Do(new Receive(Reception, ReceivedAt), DossierStatus.Received);
        Assert.Equal(DueLevel3, dossier.State.DueAt);
        dossier.Do(new Assign(Leader, March(3, 10), Officer.PersonId), DossierStatus.Processing);
        dossier.Do(new CompleteStep(Officer, March(4, 10), "Đạt", "complete"), DossierStatus.Processing);
        dossier.Do(new Assign(Leader, March(4, 11), OtherOfficer.PersonId), DossierStatus.Processing);
        dossier.Do(new CompleteStep(OtherOfficer, March(5, 10)), DossierStatus.Processing);
        Assert.Equal("decide", dossier.State.CurrentStepId);
        dossier.Do(new Assign(Reception, March(5, 11), Leader.PersonId), DossierStatus.Processing);
        dossier.Do(new Approve(Leader, March(6, 15), Result), DossierStatus.Decided);
        dossier.Do(new ReturnResult(Reception, March(7, 9), ResultDelivery.InPerson), DossierStatus.ResultReturned);
        dossier.Do(new Rate(Citizen, March(7, 10), Rating.VerySatisfied), DossierStatus.ResultReturned);

        Assert.Equal(DossierOutcome.Approved, dossier.State.Outcome);
        Assert.False(dossier.State.IsLate);
        Assert.Equal(Rating.VerySatisfied, dossier.State.Rating);
        Assert.Equal(
            [
                "dossier-filed.v1", "supplement-requested.v1", "supplement-provided.v1", "dossier-received.v1",
                "dossier-assigned.v1", "step-completed.v1", "dossier-assigned.v1", "step-completed.v1",
                "dossier-assigned.v1", "dossier-approved.v1", "result-returned.v1", "dossier-rated.v1",
            ],
            dossier.Stream.Select(DossierEventNames.NameOf));
    }

    [Fact]
    public void A_level_4_dossier_with_a_step_supplement_an_online_payment_and_an_online_result()
    {
        var dossier = new Walk(Level4);

        dossier.Do(new FileOnline(Citizen, FiledAt, Code, Nguyen, "Lý lịch tư pháp", Documents), DossierStatus.Submitted);
        dossier.Do(new Receive(Reception, ReceivedAt), DossierStatus.Received);
        Assert.Equal(March(6, 17), dossier.State.DueAt);
        dossier.Do(new Assign(Leader, March(3, 10), Officer.PersonId), DossierStatus.Processing);

        // Paused Tuesday 4, resumed Thursday 6: Wednesday and Thursday stood still.
        dossier.Do(new RequestSupplement(Officer, March(4, 9), "Thiếu ảnh", ["Ảnh 4x6"]), DossierStatus.AwaitingSupplement);
        dossier.Do(new ProvideSupplement(Citizen, March(6, 9), Supplement), DossierStatus.Processing);
        Assert.Equal(March(10, 17), dossier.State.DueAt);
        Assert.Equal(Officer.PersonId, dossier.State.Assignee);

        // Paused Thursday 6, paid Friday 7: one more day.
        dossier.Do(new RequestPayment(Officer, March(6, 10), 200_000), DossierStatus.AwaitingPayment);
        dossier.Do(new Pay(Citizen, March(7, 8), 200_000, "VNPAY-42"), DossierStatus.Processing);
        Assert.Equal(March(11, 17), dossier.State.DueAt);
        Assert.Equal(March(11, 17), dossier.State.OriginalDueAt);

        dossier.Do(new CompleteStep(Officer, March(7, 10), "Đạt"), DossierStatus.Processing);
        dossier.Do(new IssueApology(Officer, March(7, 11), "Chờ xác minh", March(13, 17)), DossierStatus.Processing);
        dossier.Do(new Assign(Reception, March(7, 12), Leader.PersonId), DossierStatus.Processing);
        dossier.Do(new Approve(Leader, March(12, 10), Result), DossierStatus.Decided);
        dossier.Do(new ReturnResult(Reception, March(12, 10, 5), ResultDelivery.Online), DossierStatus.ResultReturned);
        dossier.Do(new Rate(Citizen, March(12, 20), Rating.NotSatisfied, "Trễ hẹn"), DossierStatus.ResultReturned);

        Assert.True(dossier.State.ApologyIssued);
        Assert.Equal(March(13, 17), dossier.State.DueAt);
        Assert.True(dossier.State.IsLate, "Resolved after the legal deadline: late, apology or not.");
        Assert.Equal(200_000, dossier.State.AmountPaid);
        Assert.Equal(3, dossier.State.DocumentCount);
    }

    [Fact]
    public void A_level_3_desk_dossier_refused_after_a_step_supplement()
    {
        var dossier = new Walk(Level3);

        dossier.Do(new FileDirect(Reception, ReceivedAt, Code, Channel.InPerson, Nguyen, null, Documents), DossierStatus.Received);
        dossier.Do(new Assign(Reception, March(3, 10), Officer.PersonId), DossierStatus.Processing);
        dossier.Do(new CompleteStep(Officer, March(3, 15), "Thiếu bản vẽ", "incomplete"), DossierStatus.AwaitingSupplement);
        dossier.Do(new ProvideSupplement(Reception, March(4, 9), Supplement), DossierStatus.Processing);
        Assert.Equal(March(11, 17), dossier.State.DueAt);
        dossier.Do(new CompleteStep(Officer, March(4, 15), "Đạt", "skip-review"), DossierStatus.Processing);
        dossier.Do(new Refuse(OtherLeader, March(5, 9), "Không phù hợp quy hoạch"), DossierStatus.Decided);
        dossier.Do(new ReturnResult(Reception, March(5, 10), ResultDelivery.InPerson), DossierStatus.ResultReturned);
        dossier.Do(new Rate(ApplicantCitizen, March(5, 11), Rating.Satisfied), DossierStatus.ResultReturned);

        Assert.Equal(DossierOutcome.Refused, dossier.State.Outcome);
        Assert.False(dossier.State.IsLate);
    }

    private sealed class Walk(Procedure procedure)
    {
        private readonly List<IDossierEvent> _stream = [];

        public DossierState State { get; private set; } = DossierState.Initial;

        public IReadOnlyList<IDossierEvent> Stream => _stream;

        public void Do(IDossierCommand command, DossierStatus expected)
        {
            var decision = DossierDecider.Decide(State, command, new DecisionContext(procedure, Fixtures.Calendar));
            Assert.True(decision.IsAccepted, $"{command.GetType().Name}: {decision}");
            Assert.NotEmpty(decision.Events);
            _stream.AddRange(decision.Events);
            State = decision.Events.Aggregate(State, DossierDecider.Evolve);
            Assert.Equal(expected, State.Status);
            Assert.Equal(State, DossierState.From(_stream));
        }
    }
}
