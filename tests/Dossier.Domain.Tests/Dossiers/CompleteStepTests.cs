using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class CompleteStepTests
{
    [Fact]
    public void The_outcome_decides_the_next_step_which_starts_unassigned()
    {
        var state = Given(Processing())
            .When(new CompleteStep(Officer, March(4, 10), "Đủ điều kiện", "complete"))
            .Then(new StepCompleted(Code, "appraise", "complete", "Đủ điều kiện", "review", Officer, March(4, 10)));

        Assert.Equal(DossierStatus.Processing, state.Status);
        Assert.Equal("review", state.CurrentStepId);
        Assert.Null(state.Assignee);
    }

    [Fact]
    public void An_outcome_may_skip_steps() =>
        Given(Processing())
            .When(new CompleteStep(Officer, March(4, 10), null, "skip-review"))
            .Then(new StepCompleted(Code, "appraise", "skip-review", null, "decide", Officer, March(4, 10)));

    [Fact]
    public void Outcomes_are_matched_ignoring_case_and_recorded_as_declared() =>
        Given(Processing())
            .When(new CompleteStep(Officer, March(4, 10), null, "Complete"))
            .Then(new StepCompleted(Code, "appraise", "complete", null, "review", Officer, March(4, 10)));

    [Fact]
    public void A_step_without_outcomes_moves_on_to_the_next_step() =>
        Given([.. Processing(), Completed("appraise", "complete", "review"), Assigned("review", at: March(4, 11))])
            .When(new CompleteStep(Officer, March(5, 10), "Đã kiểm tra"))
            .Then(new StepCompleted(Code, "review", null, "Đã kiểm tra", "decide", Officer, March(5, 10)));

    [Fact]
    public void An_outcome_going_to_supplement_asks_the_applicant_and_pauses_the_clock()
    {
        var state = Given(Processing())
            .When(new CompleteStep(Officer, March(4, 10), "Thiếu bản vẽ", "incomplete"))
            .Then(
                new StepCompleted(Code, "appraise", "incomplete", "Thiếu bản vẽ", null, Officer, March(4, 10)),
                new SupplementRequested(Code, "Thiếu bản vẽ", [], true, "appraise", Officer, March(4, 10)));

        Assert.Equal(DossierStatus.AwaitingSupplement, state.Status);
        Assert.Equal(March(4, 10), state.ClockPausedAt);
        Assert.Equal("appraise", state.CurrentStepId);
        Assert.Equal(Officer.PersonId, state.Assignee);
    }

    [Fact]
    public void A_supplement_outcome_needs_an_opinion_saying_what_to_supply() =>
        Given(Processing())
            .When(new CompleteStep(Officer, March(4, 10), null, "incomplete"))
            .ThenError("reason-required");

    [Fact]
    public void A_step_with_outcomes_needs_one() =>
        Given(Processing())
            .When(new CompleteStep(Officer, March(4, 10), "Xong"))
            .ThenError("unknown-outcome");

    [Fact]
    public void An_outcome_the_step_does_not_declare_is_refused()
    {
        var error = Given(Processing())
            .When(new CompleteStep(Officer, March(4, 10), null, "approved"))
            .ThenError("unknown-outcome");

        Assert.Contains("complete, incomplete, skip-review", error.Message);
    }

    [Fact]
    public void A_step_without_outcomes_accepts_none() =>
        Given([.. Processing(), Completed("appraise", "complete", "review"), Assigned("review", at: March(4, 11))])
            .When(new CompleteStep(Officer, March(5, 10), null, "complete"))
            .ThenError("unknown-outcome");

    [Fact]
    public void Only_the_assignee_may_complete_the_step() =>
        Given(Processing())
            .When(new CompleteStep(OtherOfficer, March(4, 10), null, "complete"))
            .ThenError("not-assignee");

    [Fact]
    public void An_unassigned_step_cannot_be_completed() =>
        Given([.. Processing(), Completed("appraise", "complete", "review")])
            .When(new CompleteStep(Officer, March(4, 11)))
            .ThenError("not-assignee");

    [Fact]
    public void The_decision_step_is_finished_by_approve_or_refuse() =>
        Given(AtDecisionStep(Leader))
            .When(new CompleteStep(Leader, March(6, 10)))
            .ThenError("decision-required");

    [Fact]
    public void A_received_dossier_has_no_step_to_complete() =>
        Given(Filed(), Received())
            .When(new CompleteStep(Officer, March(4, 10), null, "complete"))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_step_waiting_for_a_supplement_cannot_be_completed() =>
        Given([.. Processing(), SupplementAsked(true, March(4, 9), "appraise")])
            .When(new CompleteStep(Officer, March(4, 10), null, "complete"))
            .ThenError("not-permitted-in-state");
}
