using Dossier.Domain.Access;
using Marten;
using Mediator;

namespace Dossier.Api.Dossiers.Reading;

public sealed record GetDossier(string Code, Actor Caller) : IRequest<DossierView>;

public sealed class GetDossierHandler(IDocumentStore store, DossierAccess access, DossierReadLog readLog) : IRequestHandler<GetDossier, DossierView>
{
    public async ValueTask<DossierView> Handle(GetDossier request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var (summary, procedure) = await access.Load(session, request.Code, request.Caller, cancellationToken);
        await readLog.Record(request.Caller, summary.Id, DossierReadLog.Kinds.View, cancellationToken);
        return access.View(summary, procedure, request.Caller);
    }
}
