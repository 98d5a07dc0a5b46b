using Dossier.Api.Dossiers.Acting;
using Dossier.Api.Validation;
using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;

namespace Dossier.Api.Dossiers.Processing;

public sealed record AssignInput(string? Assignee, string? Step) : IActionInput
{
    public DossierAction Action => DossierAction.Assign;

    public void Validate(Errors errors)
    {
        errors.Required("assignee", Assignee, 100);
        errors.MaxLength("step", Step, 100);
    }

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) => new Assign(by, now, Assignee!.Trim(), Step);
}

public sealed record CompleteStepInput(string? Opinion, string? Outcome) : IActionInput
{
    public DossierAction Action => DossierAction.CompleteStep;

    public void Validate(Errors errors)
    {
        errors.MaxLength("opinion", Opinion, 4000);
        errors.MaxLength("outcome", Outcome, 100);
    }

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) => new CompleteStep(by, now, Opinion?.Trim(), Outcome);
}
