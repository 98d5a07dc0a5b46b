using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class ProvideSupplementTests
{
    [Fact]
    public void Before_receipt_the_dossier_returns_to_submitted_without_a_due_date()
    {
        var state = Given(Filed(), SupplementAsked(false, March(3, 9)))
            .When(new ProvideSupplement(Citizen, March(5, 10), Supplement))
            .Then(new SupplementProvided(Code, Supplement, DossierStatus.Submitted, null, null, Citizen, March(5, 10)));

        Assert.Equal(DossierStatus.Submitted, state.Status);
        Assert.Null(state.DueAt);
        Assert.Null(state.ResumeStatus);
    }

    [Fact]
    public void A_paused_clock_resumes_keeping_the_working_days_already_used()
    {
        // Paused on Wednesday 5, resumed on Monday 10: Thursday, Friday and Monday stood still.
        var state = Given([.. Processing(), SupplementAsked(true, March(5, 10), "appraise")])
            .When(new ProvideSupplement(Citizen, March(10, 11), Supplement))
            .Then(new SupplementProvided(Code, Supplement, DossierStatus.Processing, March(13, 17), March(13, 17), Citizen, March(10, 11)));

        Assert.Equal(DossierStatus.Processing, state.Status);
        Assert.Equal("appraise", state.CurrentStepId);
        Assert.Equal(Officer.PersonId, state.Assignee);
        Assert.Null(state.ClockPausedAt);
        Assert.Equal(March(13, 17), state.DueAt);
        Assert.Equal(March(13, 17), state.OriginalDueAt);
    }

    [Fact]
    public void A_supplement_on_the_day_it_was_asked_for_moves_nothing() =>
        Given(Filed(), Received(), SupplementAsked(true, March(4, 9)))
            .When(new ProvideSupplement(Citizen, March(4, 15), Supplement))
            .Then(new SupplementProvided(Code, Supplement, DossierStatus.Received, DueLevel3, DueLevel3, Citizen, March(4, 15)));

    [Fact]
    public void A_restarting_procedure_gives_the_full_period_again_from_the_complete_supplement()
    {
        var state = Given(Filed(Restarting), Received(), Assigned(), SupplementAsked(true, March(5, 10), "appraise"))
            .When(new ProvideSupplement(Citizen, March(10, 11), Supplement))
            .Then(new SupplementProvided(Code, Supplement, DossierStatus.Processing, March(17, 17), March(17, 17), Citizen, March(10, 11)));

        Assert.Equal(March(17, 17), state.OriginalDueAt);
    }

    [Fact]
    public void After_an_apology_both_the_appointment_and_the_legal_deadline_are_extended()
    {
        // Appointment moved to Friday 14; paused Wednesday 5 → Friday 7: two working days stood still.
        var state = Given([
                .. Processing(),
                Apologised(March(14, 17), DueLevel3, March(4, 10)),
                SupplementAsked(true, March(5, 10), "appraise"),
            ])
            .When(new ProvideSupplement(Citizen, March(7, 11), Supplement))
            .Then(new SupplementProvided(Code, Supplement, DossierStatus.Processing, March(18, 17), March(12, 17), Citizen, March(7, 11)));

        Assert.True(state.ApologyIssued);
    }

    [Fact]
    public void Reception_may_hand_in_a_supplement_for_the_applicant() =>
        Given(Filed(), Received(), SupplementAsked(true, March(4, 9)))
            .When(new ProvideSupplement(Reception, March(4, 15), Supplement))
            .Then(new SupplementProvided(Code, Supplement, DossierStatus.Received, DueLevel3, DueLevel3, Reception, March(4, 15)));

    [Fact]
    public void The_applicant_of_a_desk_dossier_may_supplement_it_online() =>
        Given(FiledAtDesk(), Received(), SupplementAsked(true, March(4, 9)))
            .When(new ProvideSupplement(ApplicantCitizen, March(4, 15), Supplement))
            .Then(new SupplementProvided(Code, Supplement, DossierStatus.Received, DueLevel3, DueLevel3, ApplicantCitizen, March(4, 15)));

    [Fact]
    public void Another_citizen_may_not_supplement_the_dossier() =>
        Given(Filed(), Received(), SupplementAsked(true, March(4, 9)))
            .When(new ProvideSupplement(OtherCitizen, March(4, 15), Supplement))
            .ThenError("not-owner");

    [Fact]
    public void A_supplement_needs_documents() =>
        Given(Filed(), Received(), SupplementAsked(true, March(4, 9)))
            .When(new ProvideSupplement(Citizen, March(4, 15), []))
            .ThenError("documents-required");

    [Fact]
    public void Nothing_can_be_supplemented_when_nothing_was_asked_for() =>
        Given(Filed(), Received())
            .When(new ProvideSupplement(Citizen, March(4, 15), Supplement))
            .ThenError("not-permitted-in-state");
}
