using Dossier.Api.Problems;
using Dossier.Api.Validation;
using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Dossiers;
using Dossier.Workflows.Permissions;
using Marten;
using Mediator;

namespace Dossier.Api.Dossiers.Reading;

/// <summary>API.md section 8: the dossier as it was after event <paramref name="Version"/>, or at instant <paramref name="At"/>.</summary>
public sealed record GetStateAsOf(string Code, long? Version, DateTimeOffset? At, Actor Caller) : IRequest<DossierView>, IValidatable
{
    public void Validate(Errors errors)
    {
        if (Version is null == At is null)
        {
            errors.Add("version", "Give either version (a number from 1) or at (an instant), not both.");
        }

        if (Version is < 1)
        {
            errors.Add("version", "version starts at 1.");
        }
    }
}

/// <summary>
/// Folds the stream from its first event up to the asked point with the same fold the live view uses, so the past
/// is computed from the events and not from any stored copy. An instant is judged by the events' own times (when
/// the action happened by the engine's clock). The past can be read, not acted on: no permitted actions.
/// </summary>
public sealed class GetStateAsOfHandler(IDocumentStore store, DossierAccess access, DossierReadLog readLog, Domain.Calendar.IWorkingCalendar calendar)
    : IRequestHandler<GetStateAsOf, DossierView>
{
    public async ValueTask<DossierView> Handle(GetStateAsOf request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var (current, procedure) = await access.Load(session, request.Code, request.Caller, cancellationToken);
        var code = current.Id;
        if (request.Version is { } asked && asked > current.Version)
        {
            throw ProblemException.NotFound($"Version {asked} of dossier {code} (it is at version {current.Version})");
        }

        var events = await session.Events.FetchStreamAsync(code, version: request.Version ?? 0, token: cancellationToken);
        DossierSummary? past = null;
        foreach (var e in events)
        {
            var data = (IDossierEvent)e.Data;
            if (request.At is { } at && data.At > at)
            {
                break;
            }

            past = DossierSummary.Fold(past, code, data, e.Version);
        }

        if (past is null)
        {
            throw ProblemException.NotFound($"Dossier {code} as of {request.At:O} (it was filed at {current.FiledAt:O})");
        }

        await readLog.Record(request.Caller, code, DossierReadLog.Kinds.State, cancellationToken);
        return DossierView.From(past, procedure, [], DossierPermissions.CurrentStep(past.State, procedure, calendar));
    }
}
