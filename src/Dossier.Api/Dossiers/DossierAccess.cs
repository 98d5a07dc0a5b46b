using Dossier.Api.Catalogue;
using Dossier.Api.Problems;
using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Projections.Dossiers;
using Dossier.Workflows.Permissions;
using Marten;

namespace Dossier.Api.Dossiers;

/// <summary>Loads a dossier for a caller, answering 404 alike for a dossier that does not exist and one the caller may not see.</summary>
public sealed class DossierAccess(ProcedureCatalogue catalogue, IWorkingCalendar calendar, TimeProvider clock)
{
    public static DossierCode ParseCode(string code) =>
        DossierCode.TryParse(code, out var parsed) ? parsed : throw ProblemException.NotFound($"Dossier {code}");

    public async Task<(DossierSummary Summary, Procedure Procedure)> Load(IQuerySession session, string code, Actor caller, CancellationToken ct)
    {
        var summary = await session.LoadAsync<DossierSummary>(ParseCode(code).ToString(), ct);
        return summary is null
            ? throw ProblemException.NotFound($"Dossier {code}")
            : (summary, await Visible(summary, caller, code, ct));
    }

    public async Task<Procedure> Visible(DossierSummary summary, Actor caller, string code, CancellationToken ct)
    {
        var procedure = await catalogue.Procedure(summary.State.Procedure!.Code, summary.State.Procedure.Version, ct);
        return DossierPermissions.CanSee(caller, summary.State, procedure)
            ? procedure
            : throw ProblemException.NotFound($"Dossier {code}");
    }

    public DossierView View(DossierSummary summary, Procedure procedure, Actor caller) =>
        DossierView.From(
            summary,
            procedure,
            DossierPermissions.Permitted(summary.State, procedure, caller, clock.GetUtcNow(), calendar),
            DossierPermissions.CurrentStep(summary.State, procedure, calendar));
}
