using System.Globalization;
using Dossier.Api.Auth;
using Dossier.Api.Dossiers.Acting;
using Dossier.Api.Dossiers.Apologising;
using Dossier.Api.Dossiers.Closing;
using Dossier.Api.Dossiers.Deciding;
using Dossier.Api.Dossiers.Filing;
using Dossier.Api.Dossiers.Paying;
using Dossier.Api.Dossiers.Processing;
using Dossier.Api.Dossiers.Rating;
using Dossier.Api.Dossiers.Reading;
using Dossier.Api.Dossiers.Receiving;
using Dossier.Api.Dossiers.Returning;
using Dossier.Api.Dossiers.Supplementing;
using Dossier.Api.Problems;
using Dossier.Domain.Dossiers;
using Dossier.Workflows.Permissions;
using Marten;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dossier.Api.Dossiers;

/// <summary>API.md sections 3 and 4: filing, acting on and reading dossiers.</summary>
public static class DossiersApi
{
    public static void MapDossiersApi(this IEndpointRouteBuilder api)
    {
        var dossiers = api.MapGroup("/dossiers").WithTags("Dossiers");

        dossiers.MapPost("", FileOnline).RequireAuthorization(Policies.Citizen)
            .WithSummary("A citizen submits a dossier online (level 3/4); safe to retry with Idempotency-Key.");
        dossiers.MapPost("/direct", FileDirect).RequireAuthorization(Policies.Reception)
            .WithSummary("Reception files and receives a dossier brought in person or by post.");

        dossiers.MapGet("", List).RequireAuthorization(Policies.StaffOrAuditor)
            .WithSummary("The work queue: the caller's unit's dossiers, newest first.");
        dossiers.MapGet("/{code}", Get).RequireAuthorization(Policies.DossierReaders)
            .WithSummary("The dossier as the caller sees it, with the actions they may take now.");
        dossiers.MapGet("/{code}/history", History).RequireAuthorization(Policies.DossierReaders)
            .WithSummary("Every event of the dossier in stream order, with who, when and why.");
        dossiers.MapGet("/{code}/state", StateAsOf).RequireAuthorization(Policies.DossierReaders)
            .WithSummary("The dossier as it was after event ?version=N or at instant ?at=, computed from its events.");
        dossiers.MapGet("/{code}/reads", Reads).RequireAuthorization(Policies.Auditor)
            .WithSummary("Who among staff and auditors read the dossier, and when (auditors only).");

        var act = dossiers.MapGroup("/{code}").RequireAuthorization(Policies.Actors);
        Action<ReceiveInput>(act, DossierAction.Receive, "Issue the receipt and appointment slip (reception).");
        Action<NotAcceptInput>(act, DossierAction.NotAccept, "Refuse to accept the dossier at reception, with the reason.");
        Action<RequestSupplementInput>(act, DossierAction.RequestSupplement, "Ask the applicant for missing or corrected documents.");
        Action<ProvideSupplementInput>(act, DossierAction.ProvideSupplement, "Hand in the requested supplement.");
        Action<AssignInput>(act, DossierAction.Assign, "Assign the current or first step to an officer.");
        Action<CompleteStepInput>(act, DossierAction.CompleteStep, "The assignee completes the current step, with an outcome where the step has several.");
        Action<RequestPaymentInput>(act, DossierAction.RequestPayment, "Ask for the fee online (level 4); the clock pauses.");
        Action<PayInput>(act, DossierAction.Pay, "Pay the requested fee.");
        Action<ApproveInput>(act, DossierAction.Approve, "A leader approves: the result is ready.");
        Action<RefuseInput>(act, DossierAction.Refuse, "A leader refuses, with the reasons: a negative result.");
        Action<IssueApologyInput>(act, DossierAction.IssueApology, "Apologise for the delay with a new appointment (at most once).");
        Action<ReturnResultInput>(act, DossierAction.ReturnResult, "Hand over the result in person, by post or online.");
        Action<WithdrawInput>(act, DossierAction.Withdraw, "The applicant withdraws the dossier.");
        Action<StopInput>(act, DossierAction.Stop, "A leader stops processing.");
        Action<RateInput>(act, DossierAction.Rate, "The applicant rates their satisfaction.");

        api.MapGet("/lookup/{code}", LookUp).AllowAnonymous().WithTags("Dossiers")
            .WithSummary("Public status of a dossier by the code on its receipt: no personal data.");
    }

    private static async Task<Results<Created<DossierView>, Ok<DossierView>>> FileOnline(
        FilingInput body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var filed = await mediator.Send(new FileDossier(body, Direct: false, idempotencyKey, http.User.ToActor(), RequestMetadata.From(http)), ct);
        SetETag(http, filed.View.Version);
        return filed.Created
            ? TypedResults.Created($"/api/v1/dossiers/{filed.View.Code}", filed.View)
            : TypedResults.Ok(filed.View);
    }

    private static async Task<Created<DossierView>> FileDirect(FilingInput body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var filed = await mediator.Send(new FileDossier(body, Direct: true, null, http.User.ToActor(), RequestMetadata.From(http)), ct);
        SetETag(http, filed.View.Version);
        return TypedResults.Created($"/api/v1/dossiers/{filed.View.Code}", filed.View);
    }

    private static async Task<DossierView> Get(string code, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new GetDossier(code, http.User.ToActor()), ct);
        SetETag(http, view.Version);
        return view;
    }

    private static async Task<IReadOnlyList<HistoryEntry>> History(string code, HttpContext http, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new GetHistory(code, http.User.ToActor()), ct);

    private static async Task<DossierView> StateAsOf(string code, long? version, DateTimeOffset? at, HttpContext http, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new GetStateAsOf(code, version, at, http.User.ToActor()), ct);

    private static async Task<DossierReadPage> Reads(
        string code, int? page, int? pageSize, HttpContext http, IDocumentStore store, DossierAccess access, DossierReadLog readLog, CancellationToken ct)
    {
        var (number, size) = (page ?? 1, pageSize ?? 50);
        if (number < 1 || size is < 1 or > 200)
        {
            throw ProblemException.Validation(number < 1 ? "page" : "pageSize", number < 1 ? "page starts at 1." : "pageSize must be between 1 and 200.");
        }

        await using var session = store.QuerySession();
        var (summary, _) = await access.Load(session, code, http.User.ToActor(), ct);
        return await readLog.Of(summary.Id, number, size, ct);
    }

    private static async Task<DossierPage> List(
        string? status, string? agency, string? assignee, bool? overdue, string? procedure, int? page, int? pageSize,
        HttpContext http, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new ListDossiers(http.User.ToActor(), status, agency, assignee, overdue, procedure, page ?? 1, pageSize ?? 50), ct);

    private static async Task<PublicStatus> LookUp(string code, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new LookUpDossier(code), ct);

    /// <summary>
    /// One route per action, so each has its own body schema in the OpenAPI document and a role rule
    /// checked before the body is even read.
    /// </summary>
    private static void Action<TInput>(RouteGroupBuilder group, DossierAction action, string summary)
        where TInput : IActionInput =>
        group.MapPost("/" + action.Name(), async (string code, TInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(
                    new ActOnDossier(code, IfMatch(http), http.User.ToActor(), RequestMetadata.From(http), body), ct);
                SetETag(http, view.Version);
                return view;
            })
            .RequireAuthorization(policy => policy.RequireClaim(DossierClaims.Role, DossierPermissions.RolesFor(action).Select(r => r.Wire())))
            .WithName(action.Name())
            .WithSummary(summary);

    private static long? IfMatch(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString();
        if (header.Length == 0)
        {
            return null;
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return value.Length > 2 && value[0] == '"' && value[^1] == '"'
               && long.TryParse(value[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw ProblemException.Validation("If-Match", "If-Match must be the dossier's ETag, e.g. \"3\".");
    }

    private static void SetETag(HttpContext http, long version) =>
        http.Response.Headers.ETag = $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";
}
