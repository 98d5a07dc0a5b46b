using Dossier.Api.Dossiers.Acting;
using Dossier.Api.Validation;
using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;

namespace Dossier.Api.Dossiers.Paying;

/// <summary>Amounts are whole đồng (VND has no minor unit in use).</summary>
public sealed record RequestPaymentInput(long? Amount) : IActionInput
{
    public const long MaxAmount = 1_000_000_000_000;

    public DossierAction Action => DossierAction.RequestPayment;

    public void Validate(Errors errors) => ValidateAmount(errors, Amount);

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) => new RequestPayment(by, now, Amount!.Value);

    internal static void ValidateAmount(Errors errors, long? amount)
    {
        if (amount is not (> 0 and <= MaxAmount))
        {
            errors.Add("amount", $"amount must be a whole number of VND between 1 and {MaxAmount}.");
        }
    }
}

public sealed record PayInput(long? Amount, string? Reference) : IActionInput
{
    public DossierAction Action => DossierAction.Pay;

    public void Validate(Errors errors)
    {
        RequestPaymentInput.ValidateAmount(errors, Amount);
        errors.Required("reference", Reference, 100);
    }

    public IDossierCommand ToCommand(Actor by, DateTimeOffset now) => new Pay(by, now, Amount!.Value, Reference!.Trim());
}
