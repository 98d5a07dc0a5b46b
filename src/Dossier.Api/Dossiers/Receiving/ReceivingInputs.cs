using Dossier.Api.Dossiers.Acting;
using Dossier.Api.Validation;
using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;

namespace Dossier.Api.Dossiers.Receiving;

/// <summary>Issues the receipt and appointment slip; the due date is counted from now.</summary>
public sealed record ReceiveInput : IActionInput
{
    public DossierAction Action => DossierAction.Receive;

    public void Validate(Errors errors)
    {
    }

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) => new Receive(by, now);
}

public sealed record NotAcceptInput(string? Reason) : IActionInput
{
    public DossierAction Action => DossierAction.NotAccept;

    public void Validate(Errors errors) => errors.Required("reason", Reason, 2000);

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) => new NotAccept(by, now, Reason!.Trim());
}
