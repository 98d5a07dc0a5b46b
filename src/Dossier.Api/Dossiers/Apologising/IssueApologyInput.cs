using Dossier.Api.Dossiers.Acting;
using Dossier.Api.Validation;
using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;

namespace Dossier.Api.Dossiers.Apologising;

/// <summary>The apology with the reason for the delay and the new appointment; at most once per dossier.</summary>
public sealed record IssueApologyInput(string? Reason, DateTimeOffset? NewDueAt) : IActionInput
{
    public DossierAction Action => DossierAction.IssueApology;

    public void Validate(Errors errors)
    {
        errors.Required("reason", Reason, 2000);
        if (NewDueAt is null)
        {
            errors.Add("newDueAt", "newDueAt (the new appointment, an ISO 8601 instant) is required.");
        }
    }

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) => new IssueApology(by, now, Reason!.Trim(), NewDueAt!.Value);
}
