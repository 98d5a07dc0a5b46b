using Dossier.Api.Dossiers.Acting;
using Dossier.Api.Validation;
using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;

namespace Dossier.Api.Dossiers.Deciding;

public sealed record ApproveInput(IReadOnlyList<DocumentInput?>? ResultDocuments) : IActionInput
{
    public DossierAction Action => DossierAction.Approve;

    public void Validate(Errors errors) => DocumentInput.Validate(errors, "resultDocuments", ResultDocuments, required: false);

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) => new Approve(by, now, DocumentInput.ToDocuments(ResultDocuments));
}

public sealed record RefuseInput(string? Reason) : IActionInput
{
    public DossierAction Action => DossierAction.Refuse;

    public void Validate(Errors errors) => errors.Required("reason", Reason, 4000);

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) => new Refuse(by, now, Reason!.Trim());
}
