using Dossier.Api.Problems;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Definitions;

namespace Dossier.Api.Catalogue;

public sealed record ProcedureListItem(string Code, string Name, int Level, string Agency, int WorkingDays, int Version);

public sealed record ProcedureDetail(int Version, DateTimeOffset EffectiveFrom, ProcedureDefinition Definition);

public static class CatalogueApi
{
    public static void MapCatalogueApi(this IEndpointRouteBuilder api)
    {
        var procedures = api.MapGroup("/procedures").WithTags("Catalogue").AllowAnonymous();
        procedures.MapGet("", List).WithSummary("The procedures currently offered, newest version of each.");
        procedures.MapGet("/{code}", Get).WithSummary("The full current definition of one procedure.");
    }

    private static async Task<IReadOnlyList<ProcedureListItem>> List(ProcedureCatalogue catalogue, CancellationToken ct) =>
        (await catalogue.AllCurrent(ct))
            .Select(p => new ProcedureListItem(p.Code, p.Definition.Name, (int)p.Definition.Level, p.Definition.Agency, p.Definition.WorkingDays, p.Version))
            .ToList();

    private static async Task<ProcedureDetail> Get(string code, ProcedureCatalogue catalogue, CancellationToken ct)
    {
        var current = await catalogue.Current(code, ct) ?? throw ProblemException.NotFound($"Procedure {code}");
        return new ProcedureDetail(current.Version, current.EffectiveFrom, current.Definition);
    }
}
