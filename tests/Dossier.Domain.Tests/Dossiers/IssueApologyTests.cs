using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class IssueApologyTests
{
    [Fact]
    public void An_apology_moves_the_appointment_but_not_the_legal_deadline()
    {
        var state = Given(Processing())
            .When(new IssueApology(Officer, March(6, 10), "Cần xác minh thực địa", March(14, 17)))
            .Then(new ApologyIssued(Code, "Cần xác minh thực địa", March(14, 17), DueLevel3, false, Officer, March(6, 10)));

        Assert.True(state.ApologyIssued);
        Assert.Equal(March(14, 17), state.DueAt);
        Assert.Equal(DueLevel3, state.OriginalDueAt);
        Assert.Equal(DossierStatus.Processing, state.Status);
    }

    [Fact]
    public void An_apology_on_the_working_day_before_the_deadline_is_in_time() =>
        Given(Processing())
            .When(new IssueApology(Officer, March(7, 17), "Cần xác minh", March(14, 17)))
            .Then(new ApologyIssued(Code, "Cần xác minh", March(14, 17), DueLevel3, false, Officer, March(7, 17)));

    [Fact]
    public void An_apology_on_the_due_day_is_recorded_as_late() =>
        Given(Processing())
            .When(new IssueApology(Officer, March(10, 9), "Cần xác minh", March(14, 17)))
            .Then(new ApologyIssued(Code, "Cần xác minh", March(14, 17), DueLevel3, true, Officer, March(10, 9)));

    [Fact]
    public void An_overdue_dossier_must_still_apologise()
    {
        var state = Given(Processing())
            .When(new IssueApology(Leader, March(11, 9), "Quá hạn do thiếu nhân lực", March(14, 17)))
            .Then(new ApologyIssued(Code, "Quá hạn do thiếu nhân lực", March(14, 17), DueLevel3, true, Leader, March(11, 9)));

        Assert.Equal(March(14, 17), state.DueAt);
    }

    [Fact]
    public void While_the_clock_is_paused_timeliness_is_measured_against_the_extended_deadline() =>
        // Paused Wednesday 5; on Monday 10 the deadline already stands at Thursday 13, so Monday is in time.
        Given([.. Processing(), SupplementAsked(true, March(5, 10), "appraise")])
            .When(new IssueApology(Officer, March(10, 9), "Chờ bổ sung", March(20, 17)))
            .Then(new ApologyIssued(Code, "Chờ bổ sung", March(20, 17), DueLevel3, false, Officer, March(10, 9)));

    [Fact]
    public void A_dossier_awaiting_payment_may_apologise() =>
        Given(Filed(Level4), ReceivedLevel4(), PaymentAsked(200_000, March(4, 10)))
            .When(new IssueApology(Officer, March(4, 11), "Chờ thanh toán", March(12, 17)))
            .Then(new ApologyIssued(Code, "Chờ thanh toán", March(12, 17), DueLevel4, false, Officer, March(4, 11)));

    [Fact]
    public void The_appointment_may_be_moved_only_once() =>
        Given([.. Processing(), Apologised(March(14, 17), DueLevel3, March(6, 10))])
            .When(new IssueApology(Officer, March(13, 10), "Lần nữa", March(20, 17)))
            .ThenError("apology-already-issued");

    [Fact]
    public void The_new_appointment_must_be_later_than_the_current_one() =>
        Given(Processing())
            .When(new IssueApology(Officer, March(6, 10), "Cần xác minh", DueLevel3))
            .ThenError("new-due-not-later");

    [Fact]
    public void The_new_appointment_must_not_have_passed() =>
        Given(Processing())
            .When(new IssueApology(Officer, March(12, 10), "Cần xác minh", March(11, 17)))
            .ThenError("new-due-in-past");

    [Fact]
    public void A_reason_is_required() =>
        Given(Processing())
            .When(new IssueApology(Officer, March(6, 10), " ", March(14, 17)))
            .ThenError("reason-required");

    [Fact]
    public void A_dossier_not_yet_received_has_no_appointment_to_move() =>
        Given(Filed())
            .When(new IssueApology(Officer, March(6, 10), "Cần xác minh", March(14, 17)))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_decided_dossier_has_nothing_to_apologise_for() =>
        Given(Decided())
            .When(new IssueApology(Officer, March(7, 11), "Cần xác minh", March(14, 17)))
            .ThenError("not-permitted-in-state");
}
