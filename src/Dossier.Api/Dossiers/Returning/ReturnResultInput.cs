using Dossier.Api.Dossiers.Acting;
using Dossier.Api.Validation;
using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;

namespace Dossier.Api.Dossiers.Returning;

public sealed record ReturnResultInput(ResultDelivery? Method) : IActionInput
{
    public DossierAction Action => DossierAction.ReturnResult;

    public ResultDelivery ResultMethod => Method ?? ResultDelivery.InPerson;

    public void Validate(Errors errors)
    {
        if (Method is null)
        {
            errors.Add("method", "method is required: inPerson, online or post.");
        }
    }

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) => new ReturnResult(by, now, ResultMethod);
}
