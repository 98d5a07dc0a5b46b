using System.Security.Cryptography;
using Dossier.Api.Validation;
using Dossier.Domain.Dossiers;

namespace Dossier.Api.Dossiers;

/// <summary>A document sent with a request: its content (base64) or, when the content went elsewhere, its SHA-256.</summary>
public sealed record DocumentInput(string? Name, string? ContentBase64, string? Sha256)
{
    public const int MaxDocuments = 50;

    public static void Validate(Errors errors, string field, IReadOnlyList<DocumentInput?>? documents, bool required)
    {
        if (documents is null || documents.Count == 0)
        {
            if (required)
            {
                errors.Add(field, $"{field} needs at least one document.");
            }

            return;
        }

        if (documents.Count > MaxDocuments)
        {
            errors.Add(field, $"At most {MaxDocuments} documents.");
        }

        for (var i = 0; i < documents.Count; i++)
        {
            var path = $"{field}[{i}]";
            if (documents[i] is not { } document)
            {
                errors.Add(path, "A document cannot be null.");
                continue;
            }

            errors.Required($"{path}.name", document.Name, 300);
            if (document.ContentBase64 is null == document.Sha256 is null)
            {
                errors.Add(path, "Give either contentBase64 or sha256.");
            }
            else if (document.ContentBase64 is { } content && !IsBase64(content))
            {
                errors.Add($"{path}.contentBase64", "contentBase64 is not base64.");
            }
            else if (document.Sha256 is { } hash && (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit)))
            {
                errors.Add($"{path}.sha256", "sha256 must be 64 hexadecimal characters.");
            }
        }
    }

    public static IReadOnlyList<SubmittedDocument> ToDocuments(IReadOnlyList<DocumentInput?>? documents) =>
        documents?.Select(d => d!.ToDocument()).ToList() ?? [];

    private SubmittedDocument ToDocument() => new(
        Name!.Trim(),
        Sha256?.ToLowerInvariant() ?? Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(ContentBase64!))));

    private static bool IsBase64(string content)
    {
        var buffer = new byte[content.Length];
        return Convert.TryFromBase64String(content, buffer, out _);
    }
}
