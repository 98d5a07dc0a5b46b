using Dossier.Api.Problems;
using Dossier.Api.Validation;
using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Dossiers;
using Marten;
using Marten.Pagination;
using Mediator;

namespace Dossier.Api.Dossiers.Reading;

public sealed record DossierQueueItem(
    string Code, string ProcedureCode, string ProcedureName, string Status, int NationalStatusCode, string ApplicantName,
    string? Assignee, DateTimeOffset FiledAt, DateTimeOffset? DueAt, bool Overdue, long Version);

public sealed record DossierPage(IReadOnlyList<DossierQueueItem> Items, long Total, int Page, int PageSize);

/// <summary>The staff work queue (API.md section 4): a unit's dossiers, newest first. Auditors see every unit.</summary>
public sealed record ListDossiers(
    Actor Caller, string? Status, string? Agency, string? Assignee, bool? Overdue, string? Procedure, int Page, int PageSize)
    : IRequest<DossierPage>, IValidatable
{
    public void Validate(Errors errors)
    {
        if (Status is not null && !TryStatus(Status, out _))
        {
            errors.Add("status", "status must be a dossier status name, e.g. received or processing.");
        }

        if (Page < 1)
        {
            errors.Add("page", "page starts at 1.");
        }

        if (PageSize is < 1 or > 200)
        {
            errors.Add("pageSize", "pageSize must be between 1 and 200.");
        }
    }

    public static bool TryStatus(string value, out DossierStatus status) =>
        Enum.TryParse(value, ignoreCase: true, out status) && status != DossierStatus.None && !value.Any(char.IsDigit);
}

public sealed class ListDossiersHandler(IDocumentStore store, TimeProvider clock) : IRequestHandler<ListDossiers, DossierPage>
{
    public async ValueTask<DossierPage> Handle(ListDossiers request, CancellationToken cancellationToken)
    {
        var caller = request.Caller;
        var agency = caller.Role == Role.Auditor ? request.Agency : caller.Agency;
        if (caller.Role != Role.Auditor && request.Agency is not null && request.Agency != caller.Agency)
        {
            throw ProblemException.Forbidden($"You work for {caller.Agency}; the queue of {request.Agency} is not yours.");
        }

        await using var session = store.QuerySession();
        IQueryable<DossierSummary> query = session.Query<DossierSummary>();
        if (agency is not null)
        {
            query = query.Where(s => s.Agency == agency);
        }

        if (request.Status is not null && ListDossiers.TryStatus(request.Status, out var status))
        {
            query = query.Where(s => s.Status == status);
        }

        if (request.Assignee is not null)
        {
            query = query.Where(s => s.Assignee == request.Assignee);
        }

        if (request.Procedure is not null)
        {
            query = query.Where(s => s.ProcedureCode == request.Procedure);
        }

        // A clock may hand out local offsets (the tests' does); the timestamptz columns compared with it take only UTC.
        var now = clock.GetUtcNow().ToUniversalTime();
        if (request.Overdue is true)
        {
            query = query.Where(s => s.IsOpen && s.DueAtUtc < now);
        }
        else if (request.Overdue is false)
        {
            query = query.Where(s => !(s.IsOpen && s.DueAtUtc < now));
        }

        var page = await query.OrderByDescending(s => s.FiledAtUtc).ToPagedListAsync(request.Page, request.PageSize, cancellationToken);
        var items = page.Select(s => new DossierQueueItem(
            s.Id,
            s.ProcedureCode,
            s.State.Procedure!.Name,
            char.ToLowerInvariant(s.Status.ToString()[0]) + s.Status.ToString()[1..],
            s.State.NationalStatusCode,
            s.State.Applicant!.Name,
            s.Assignee,
            s.FiledAt,
            s.DueAt,
            s.IsOpen && s.DueAt < now,
            s.Version)).ToList();
        return new DossierPage(items, page.TotalItemCount, request.Page, request.PageSize);
    }
}
