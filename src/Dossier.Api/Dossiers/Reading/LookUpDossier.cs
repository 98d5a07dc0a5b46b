using Dossier.Api.Problems;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Dossiers;
using Marten;
using Mediator;

namespace Dossier.Api.Dossiers.Reading;

/// <summary>What anyone holding the code on their receipt may see: no personal data.</summary>
public sealed record PublicStatus(
    string Code, string ProcedureName, string Status, int NationalStatusCode, DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt);

public sealed record LookUpDossier(string Code) : IRequest<PublicStatus>;

public sealed class LookUpDossierHandler(IDocumentStore store) : IRequestHandler<LookUpDossier, PublicStatus>
{
    public async ValueTask<PublicStatus> Handle(LookUpDossier request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var summary = await session.LoadAsync<DossierSummary>(DossierAccess.ParseCode(request.Code).ToString(), cancellationToken)
            ?? throw ProblemException.NotFound($"Dossier {request.Code}");
        var state = summary.State;
        return new PublicStatus(
            summary.Id,
            state.Procedure!.Name,
            char.ToLowerInvariant(state.Status.ToString()[0]) + state.Status.ToString()[1..],
            state.NationalStatusCode,
            state.ReceivedAt,
            state.DueAt);
    }
}
