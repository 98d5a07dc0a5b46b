using Dossier.Api.Audit;
using Dossier.Api.Dossiers.Returning;
using Dossier.Api.Problems;
using Dossier.Api.Validation;
using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Dossiers;
using Dossier.Workflows.Engine;
using Dossier.Workflows.Permissions;
using JasperFx;
using JasperFx.Events;
using Marten;
using Mediator;

namespace Dossier.Api.Dossiers.Acting;

/// <summary>The body of one action of API.md section 3: checks its own fields and becomes a domain command.</summary>
public interface IActionInput : IValidatable
{
    DossierAction Action { get; }

    IDossierCommand ToCommand(Actor by, DateTimeOffset now);
}

public sealed record ActOnDossier(string Code, long? IfMatch, Actor Caller, RequestMetadata Metadata, IActionInput Input)
    : IRequest<DossierView>, IValidatable
{
    public void Validate(Errors errors) => Input.Validate(errors);
}

/// <summary>
/// Load the stream; check the role, then the version the caller saw (so a stale caller learns that first),
/// then what this dossier's workflow allows them now; let the decider decide; append with the expected
/// version. Every refusal is thrown before the append, so a refused action writes nothing.
/// </summary>
public sealed class ActOnDossierHandler(IDocumentStore store, DossierAccess access, IWorkingCalendar calendar, TimeProvider clock)
    : IRequestHandler<ActOnDossier, DossierView>
{
    public async ValueTask<DossierView> Handle(ActOnDossier request, CancellationToken cancellationToken)
    {
        var code = DossierAccess.ParseCode(request.Code).ToString();
        var caller = request.Caller;
        var action = request.Input.Action;

        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<DossierSummary>(code, cancellationToken);
        var summary = stream.Aggregate ?? throw ProblemException.NotFound($"Dossier {request.Code}");
        var currentVersion = stream.CurrentVersion ?? 0;
        var procedure = await access.Visible(summary, caller, request.Code, cancellationToken);

        if (!DossierPermissions.RoleMay(caller.Role, action)
            || (request.Input is ReturnResultInput returning && !DossierPermissions.MayReturnBy(caller.Role, returning.ResultMethod)))
        {
            throw ProblemException.Forbidden($"A {caller.Role.ToString().ToLowerInvariant()} may not {action.Name()} this dossier this way.");
        }

        if (request.IfMatch is null && caller.IsStaff)
        {
            throw ProblemException.PreconditionRequired();
        }

        if (request.IfMatch is { } expected && expected != currentVersion)
        {
            throw ProblemException.PreconditionFailed(currentVersion);
        }

        var check = DossierPermissions.Check(action, summary.State, procedure, caller);
        if (check.Refusal is RefusalKind.NotVisible)
        {
            throw ProblemException.NotFound($"Dossier {request.Code}");
        }

        if (check.Refusal is RefusalKind.Role or RefusalKind.NotOwner or RefusalKind.NotAssignee or RefusalKind.WrongAgency)
        {
            throw ProblemException.Forbidden(check.Reason!);
        }

        var now = clock.GetUtcNow();
        var decision = DossierDecider.Decide(summary.State, request.Input.ToCommand(caller, now), new DecisionContext(procedure, calendar));
        if (decision.IsRejected)
        {
            throw Refusal(decision.Error, summary, access.View(summary, procedure, caller));
        }

        if (check.Refusal is RefusalKind.NotInState)
        {
            throw NotPermittedNow(check.Reason!, summary, access.View(summary, procedure, caller));
        }

        request.Metadata.Stamp(session, caller);
        stream.AppendMany(decision.Events.Cast<object>().ToArray());
        StreamSealing.Seal(session, code, currentVersion, summary.ChainHead, stream.Events);
        Notifications.CitizenNotifications.Add(session, summary.State, decision.Events, currentVersion);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
        {
            throw ProblemException.PreconditionFailed(currentVersion + 1);
        }

        var version = currentVersion;
        var updated = decision.Events.Aggregate(summary, (current, e) => DossierSummary.Fold(current, code, e, ++version));
        return access.View(updated, procedure, caller);
    }

    private static readonly HashSet<string> InputErrors =
    [
        DossierErrorCodes.ReasonRequired, DossierErrorCodes.AssigneeRequired, DossierErrorCodes.DocumentsRequired,
        DossierErrorCodes.AmountInvalid, DossierErrorCodes.AmountMismatch, DossierErrorCodes.ReferenceRequired,
        DossierErrorCodes.UnknownOutcome, DossierErrorCodes.UnknownStep, DossierErrorCodes.NewDueNotLater,
        DossierErrorCodes.NewDueInPast,
    ];

    private static readonly HashSet<string> CallerErrors = [DossierErrorCodes.NotOwner, DossierErrorCodes.NotAssignee];

    private static ProblemException Refusal(DossierError error, DossierSummary summary, DossierView view)
    {
        if (InputErrors.Contains(error.Code))
        {
            return new ProblemException(System.Net.HttpStatusCode.BadRequest, error.Code, "The request is not valid for this dossier.", error.Message);
        }

        if (CallerErrors.Contains(error.Code))
        {
            return new ProblemException(System.Net.HttpStatusCode.Forbidden, error.Code, "You are not allowed to do this.", error.Message);
        }

        return NotPermittedNow(error.Message, summary, view, error.Code);
    }

    private static ProblemException NotPermittedNow(string why, DossierSummary summary, DossierView view, string type = DossierErrorCodes.NotPermittedInState) =>
        ProblemException.Conflict(type, "The action is not permitted now.", why, new Dictionary<string, object?>
        {
            ["dossierStatus"] = view.Status,
            ["version"] = summary.Version,
            ["permittedActions"] = view.PermittedActions,
        });
}
