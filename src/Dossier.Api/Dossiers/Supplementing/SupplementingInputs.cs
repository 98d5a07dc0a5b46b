using Dossier.Api.Dossiers.Acting;
using Dossier.Api.Validation;
using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;

namespace Dossier.Api.Dossiers.Supplementing;

public sealed record RequestSupplementInput(string? Reason, IReadOnlyList<string?>? Items) : IActionInput
{
    public DossierAction Action => DossierAction.RequestSupplement;

    public void Validate(Errors errors)
    {
        errors.Required("reason", Reason, 2000);
        if (Items is null || Items.Count == 0)
        {
            errors.Add("items", "Name at least one document or correction the applicant must supply.");
        }
        else if (Items.Count > 50)
        {
            errors.Add("items", "At most 50 items.");
        }
        else
        {
            for (var i = 0; i < Items.Count; i++)
            {
                errors.Required($"items[{i}]", Items[i], 500);
            }
        }
    }

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) =>
        new RequestSupplement(by, now, Reason!.Trim(), Items!.Select(i => i!.Trim()).ToList());
}

public sealed record ProvideSupplementInput(IReadOnlyList<DocumentInput?>? Documents) : IActionInput
{
    public DossierAction Action => DossierAction.ProvideSupplement;

    public void Validate(Errors errors) => DocumentInput.Validate(errors, "documents", Documents, required: true);

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) => new ProvideSupplement(by, now, DocumentInput.ToDocuments(Documents));
}
