using System.Net;

namespace Dossier.Api.Problems;

/// <summary>
/// A refusal that becomes an RFC 9457 problem response. Thrown before anything is written,
/// so a refused request leaves the store as it was.
/// </summary>
public class ProblemException(
    HttpStatusCode status,
    string type,
    string title,
    string detail,
    IReadOnlyDictionary<string, object?>? extensions = null) : Exception(detail)
{
    public const string TypeBase = "https://dossier.gov.vn/problems/";

    public HttpStatusCode Status { get; } = status;

    public string Type { get; } = TypeBase + type;

    public string Title { get; } = title;

    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    public static ProblemException Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(HttpStatusCode.BadRequest, "validation", "The request is not valid.",
            "One or more fields are not valid; see errors.",
            new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemException Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemException NotFound(string what) =>
        new(HttpStatusCode.NotFound, "not-found", "Not found.", $"{what} was not found.");

    public static ProblemException Forbidden(string detail) =>
        new(HttpStatusCode.Forbidden, "forbidden", "You are not allowed to do this.", detail);

    public static ProblemException PreconditionRequired() =>
        new((HttpStatusCode)428, "if-match-required", "If-Match is required.",
            "Send If-Match with the dossier's current version (its ETag) to act on it.");

    public static ProblemException PreconditionFailed(long currentVersion) =>
        new(HttpStatusCode.PreconditionFailed, "version-mismatch", "The dossier has changed.",
            $"The dossier is at version {currentVersion}; reload it and try again.",
            new Dictionary<string, object?> { ["currentVersion"] = currentVersion });

    public static ProblemException Conflict(string type, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(HttpStatusCode.Conflict, type, title, detail, extensions);
}
