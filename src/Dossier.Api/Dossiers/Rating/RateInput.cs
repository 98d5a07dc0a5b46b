using Dossier.Api.Dossiers.Acting;
using Dossier.Api.Validation;
using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;

namespace Dossier.Api.Dossiers.Rating;

public sealed record RateInput(Domain.Dossiers.Rating? Rating, string? Comment, IReadOnlyDictionary<RatingCriterion, Domain.Dossiers.Rating>? Criteria)
    : IActionInput
{
    public DossierAction Action => DossierAction.Rate;

    public void Validate(Errors errors)
    {
        if (Rating is null)
        {
            errors.Add("rating", "rating is required: verySatisfied, satisfied or notSatisfied.");
        }

        errors.MaxLength("comment", Comment, 2000);
    }

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) => new Rate(by, now, Rating!.Value, Comment?.Trim(), Criteria);
}
