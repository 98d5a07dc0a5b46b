using Dossier.Api.Auth;
using Dossier.Api.Catalogue.Publishing;
using Dossier.Api.Problems;
using Dossier.Workflows.Definitions;
using Dossier.Workflows.Engine;
using Mediator;

namespace Dossier.Api.Catalogue;

public sealed record ProcedureListItem(string Code, string Name, int Level, string Agency, int WorkingDays, int Version);

public sealed record ProcedureDetail(
    string Code, int Version, DateTimeOffset EffectiveFrom, DateTimeOffset PublishedAt, string PublishedBy, ProcedureDefinition Definition)
{
    public static ProcedureDetail From(PublishedProcedure p) => new(p.Code, p.Version, p.EffectiveFrom, p.PublishedAt, p.PublishedBy, p.Definition);
}

public sealed record ProcedureVersionItem(int Version, DateTimeOffset EffectiveFrom, DateTimeOffset PublishedAt, string PublishedBy);

/// <summary>API.md section 2. Reading the catalogue is public; publishing is for administrators.</summary>
public static class CatalogueApi
{
    public static void MapCatalogueApi(this IEndpointRouteBuilder api)
    {
        var procedures = api.MapGroup("/procedures").WithTags("Catalogue");
        procedures.MapGet("", List).AllowAnonymous().WithSummary("The procedures currently offered, newest version in effect of each.");
        procedures.MapGet("/{code}", Get).AllowAnonymous()
            .WithSummary("The full definition in effect now, or of an earlier version with ?version=N.");
        procedures.MapGet("/{code}/versions", Versions).AllowAnonymous().WithSummary("Every published version of a procedure.");
        procedures.MapGet("/{code}/diagram", Diagram).AllowAnonymous()
            .WithSummary("The workflow as Mermaid text, generated from the machine the engine runs.");
        procedures.MapPut("/{code}", Publish).RequireAuthorization(Policies.Admin)
            .Accepts<ProcedureDefinition>("application/json")
            .WithSummary("Publishes a new version (administrators); ?effectiveFrom= sets when it takes effect.");
    }

    private static async Task<IReadOnlyList<ProcedureListItem>> List(ProcedureCatalogue catalogue, CancellationToken ct) =>
        (await catalogue.AllCurrent(ct))
            .Select(p => new ProcedureListItem(p.Code, p.Definition.Name, (int)p.Definition.Level, p.Definition.Agency, p.Definition.WorkingDays, p.Version))
            .ToList();

    private static async Task<ProcedureDetail> Get(string code, int? version, ProcedureCatalogue catalogue, CancellationToken ct) =>
        ProcedureDetail.From(await Find(code, version, catalogue, ct));

    private static async Task<IReadOnlyList<ProcedureVersionItem>> Versions(string code, ProcedureCatalogue catalogue, CancellationToken ct)
    {
        var versions = await catalogue.Versions(code, ct);
        return versions.Count == 0
            ? throw ProblemException.NotFound($"Procedure {code}")
            : versions.Select(v => new ProcedureVersionItem(v.Version, v.EffectiveFrom, v.PublishedAt, v.PublishedBy)).ToList();
    }

    private static async Task<IResult> Diagram(string code, int? version, ProcedureCatalogue catalogue, CancellationToken ct)
    {
        var published = await Find(code, version, catalogue, ct);
        return TypedResults.Text(ProcedureWorkflow.For(published.ToProcedure()).Diagram(), "text/plain; charset=utf-8");
    }

    private static async Task<IResult> Publish(
        string code, DateTimeOffset? effectiveFrom, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw new BadHttpRequestException("Send the definition as application/json.", StatusCodes.Status415UnsupportedMediaType);
        }

        using var reader = new StreamReader(http.Request.Body);
        var json = await reader.ReadToEndAsync(ct);
        var published = await mediator.Send(new PublishProcedure(code, json, effectiveFrom, IfMatch(http), Auth.DossierClaims.ToActor(http.User)), ct);
        http.Response.Headers.ETag = $"\"{published.Version}\"";
        return TypedResults.Created($"/api/v1/procedures/{code}?version={published.Version}", ProcedureDetail.From(published));
    }

    private static async Task<PublishedProcedure> Find(string code, int? version, ProcedureCatalogue catalogue, CancellationToken ct) =>
        (version is { } v ? await catalogue.Find(code, v, ct) : await catalogue.Current(code, ct))
        ?? throw ProblemException.NotFound(version is null ? $"Procedure {code}" : $"Version {version} of procedure {code}");

    private static int? IfMatch(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim('"');
        return header.Length == 0 ? null
            : int.TryParse(header, out var version) ? version
            : throw ProblemException.Validation("If-Match", "If-Match must be the procedure's ETag, e.g. \"2\".");
    }
}
