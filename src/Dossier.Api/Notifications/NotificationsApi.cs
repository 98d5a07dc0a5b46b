using Dossier.Api.Auth;
using Dossier.Api.Problems;
using Dossier.Domain.Access;
using Marten;
using Marten.Pagination;

namespace Dossier.Api.Notifications;

public sealed record NotificationView(string Id, string DossierCode, string Kind, DateTimeOffset? DueAt, string Message, DateTimeOffset CreatedAt);

public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, long Total, int Page, int PageSize);

/// <summary>API.md section 7: <c>GET /notifications</c>, the caller's own, newest first, a page at a time.</summary>
public static class NotificationsApi
{
    public const int MaxPageSize = 200;

    public static void MapNotificationsApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/notifications", async (
                System.Security.Claims.ClaimsPrincipal user,
                IDocumentStore store,
                string? dossier,
                int? page,
                int? pageSize,
                CancellationToken cancellationToken) =>
            {
                var (number, size) = (page ?? 1, pageSize ?? 50);
                if (number < 1 || size is < 1 or > MaxPageSize)
                {
                    throw ProblemException.Validation(number < 1 ? "page" : "pageSize",
                        number < 1 ? "page starts at 1." : $"pageSize must be between 1 and {MaxPageSize}.");
                }

                await using var session = store.QuerySession();
                return Results.Ok(await ForCaller(session, user.ToActor(), dossier, number, size, cancellationToken));
            })
            .RequireAuthorization()
            .WithName("ListNotifications")
            .WithSummary("The caller's notifications, newest first; ?dossier= narrows to one dossier.");

    public static async Task<NotificationPage> ForCaller(
        IQuerySession session, Actor caller, string? dossier, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(caller);
        var personId = caller.PersonId;
        var agency = caller.Agency;
        var role = caller.Role;
        var query = session.Query<Notification>()
            .Where(n => n.PersonId == personId || (agency != null && n.Agency == agency && n.Role == role));
        if (!string.IsNullOrWhiteSpace(dossier))
        {
            var code = dossier.Trim();
            query = query.Where(n => n.DossierCode == code);
        }

        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).ToPagedListAsync(page, pageSize, cancellationToken);
        return new NotificationPage(
            rows.Select(n => new NotificationView(n.Id, n.DossierCode, n.Kind, n.DueAt, n.Message, n.CreatedAt)).ToList(),
            rows.TotalItemCount, page, pageSize);
    }
}
