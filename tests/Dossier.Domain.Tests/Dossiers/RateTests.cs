using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class RateTests
{
    [Fact]
    public void The_owner_rates_a_returned_result()
    {
        var criteria = new Dictionary<RatingCriterion, Rating>
        {
            [RatingCriterion.OnTime] = Rating.VerySatisfied,
            [RatingCriterion.StaffAttitude] = Rating.Satisfied,
        };

        var state = Given([.. Decided(), Returned()])
            .When(new Rate(Citizen, March(10, 12), Rating.VerySatisfied, "Nhanh", criteria))
            .Then(new DossierRated(Code, Rating.VerySatisfied, "Nhanh", criteria, Citizen, March(10, 12)));

        Assert.Equal(Rating.VerySatisfied, state.Rating);
        Assert.Equal(DossierStatus.ResultReturned, state.Status);
    }

    [Fact]
    public void A_decided_dossier_may_be_rated_before_the_result_is_collected() =>
        Given(Decided())
            .When(new Rate(Citizen, March(7, 12), Rating.NotSatisfied))
            .Then(new DossierRated(Code, Rating.NotSatisfied, null, null, Citizen, March(7, 12)));

    [Fact]
    public void The_applicant_of_a_desk_dossier_may_rate_it() =>
        Given(FiledAtDesk(), Received(), Assigned(), Completed("appraise", "skip-review", "decide"), Approved())
            .When(new Rate(ApplicantCitizen, March(7, 12), Rating.Satisfied))
            .Then(new DossierRated(Code, Rating.Satisfied, null, null, ApplicantCitizen, March(7, 12)));

    [Fact]
    public void A_dossier_is_rated_once() =>
        Given([.. Decided(), new DossierRated(Code, Rating.Satisfied, null, null, Citizen, March(7, 12))])
            .When(new Rate(Citizen, March(7, 13), Rating.VerySatisfied))
            .ThenError("already-rated");

    [Fact]
    public void Another_citizen_may_not_rate_the_dossier() =>
        Given(Decided())
            .When(new Rate(OtherCitizen, March(7, 12), Rating.NotSatisfied))
            .ThenError("not-owner");

    [Fact]
    public void Staff_may_not_rate_for_the_applicant() =>
        Given(Decided())
            .When(new Rate(Reception, March(7, 12), Rating.VerySatisfied))
            .ThenError("not-owner");

    [Fact]
    public void An_unfinished_dossier_cannot_be_rated() =>
        Given(Processing())
            .When(new Rate(Citizen, March(4, 12), Rating.Satisfied))
            .ThenError("not-permitted-in-state");

    [Fact]
    public void A_withdrawn_dossier_cannot_be_rated() =>
        Given(Filed(), new DossierWithdrawn(Code, null, Citizen, March(3, 10)))
            .When(new Rate(Citizen, March(3, 11), Rating.Satisfied))
            .ThenError("not-permitted-in-state");
}
