using System.Security.Cryptography;
using System.Text.Json;
using Dossier.Api.Validation;
using Dossier.Domain.Dossiers;

namespace Dossier.Api.Dossiers.Filing;

public sealed record ApplicantInput(string? Name, string? IdNumber, string? Phone, string? Email);

/// <summary>The body of POST /dossiers (online) and POST /dossiers/direct (at the desk, with a channel).</summary>
public sealed record FilingInput(
    string? ProcedureCode,
    ApplicantInput? Applicant,
    string? Summary,
    IReadOnlyList<DocumentInput?>? Documents,
    IReadOnlyDictionary<string, string>? FormData,
    Channel? Channel)
{
    public void Validate(Errors errors, bool direct)
    {
        errors.Required("procedureCode", ProcedureCode, 50);
        if (Applicant is null)
        {
            errors.Add("applicant", "applicant is required.");
        }
        else
        {
            errors.Required("applicant.name", Applicant.Name, 200);
            if (string.IsNullOrWhiteSpace(Applicant.IdNumber))
            {
                errors.Add("applicant.idNumber", "applicant.idNumber is required.");
            }
            else if (!IsIdNumber(Applicant.IdNumber))
            {
                errors.Add("applicant.idNumber", "applicant.idNumber must be a 12-digit citizen identity number, a 9-digit identity card number, a 10- or 13-digit enterprise code, or a passport number.");
            }

            if (Applicant.Phone is { } phone && !(phone.Length is >= 9 and <= 15 && phone.TrimStart('+').All(char.IsAsciiDigit)))
            {
                errors.Add("applicant.phone", "applicant.phone must be 9 to 15 digits, optionally after +.");
            }

            errors.Email("applicant.email", Applicant.Email);
        }

        errors.MaxLength("summary", Summary, 2000);
        DocumentInput.Validate(errors, "documents", Documents, required: true);
        if (FormData is { } form)
        {
            if (form.Count > 100)
            {
                errors.Add("formData", "At most 100 form fields.");
            }

            foreach (var (key, value) in form)
            {
                errors.MaxLength($"formData.{key}", key, 100);
                errors.MaxLength($"formData.{key}", value, 4000);
            }
        }

        if (direct && Channel is not (Domain.Dossiers.Channel.InPerson or Domain.Dossiers.Channel.Post))
        {
            errors.Add("channel", "channel is required at the desk: inPerson or post.");
        }
        else if (!direct && Channel is not null)
        {
            errors.Add("channel", "An online submission takes no channel.");
        }
    }

    public Applicant ToApplicant() => new(
        Applicant!.Name!.Trim(), Applicant.IdNumber!.Trim(), Applicant.Phone, Applicant.Email?.Trim());

    /// <summary>A fingerprint of the request, so a reused Idempotency-Key with another body is caught.</summary>
    public string Hash(JsonSerializerOptions json) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this, json)));

    private static bool IsIdNumber(string id) =>
        (id.All(char.IsAsciiDigit) && id.Length is 9 or 10 or 12 or 13)
        || (id.Length is >= 8 and <= 9 && char.IsAsciiLetterUpper(id[0]) && id[1..].All(char.IsAsciiDigit));
}
