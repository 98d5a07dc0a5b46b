using Dossier.Api.Dossiers.Acting;
using Dossier.Api.Validation;
using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;

namespace Dossier.Api.Dossiers.Closing;

/// <summary>The applicant takes the dossier back.</summary>
public sealed record WithdrawInput(string? Reason) : IActionInput
{
    public DossierAction Action => DossierAction.Withdraw;

    public void Validate(Errors errors) => errors.MaxLength("reason", Reason, 2000);

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) => new Withdraw(by, now, Reason?.Trim());
}

/// <summary>A leader stops processing (dừng xử lý) — not a refusal, which is a decision.</summary>
public sealed record StopInput(string? Reason) : IActionInput
{
    public DossierAction Action => DossierAction.Stop;

    public void Validate(Errors errors) => errors.Required("reason", Reason, 2000);

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) => new Stop(by, now, Reason!.Trim());
}
