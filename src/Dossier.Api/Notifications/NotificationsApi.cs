using Dossier.Api.Auth;
using Dossier.Domain.Access;
using Marten;

namespace Dossier.Api.Notifications;

public sealed record NotificationView(string Id, string DossierCode, string Kind, DateTimeOffset? DueAt, string Message, DateTimeOffset CreatedAt);

/// <summary>API.md section 7: <c>GET /notifications</c>, the caller's own, newest first.</summary>
public static class NotificationsApi
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/notifications", async (System.Security.Claims.ClaimsPrincipal user, IDocumentStore store, CancellationToken cancellationToken) =>
            {
                var caller = user.ToActor();
                await using var session = store.QuerySession();
                var list = await ForCaller(session, caller, 100, cancellationToken);
                return Results.Ok(new { items = list });
            })
            .RequireAuthorization()
            .WithName("ListNotifications");

    public static async Task<IReadOnlyList<NotificationView>> ForCaller(IQuerySession session, Actor caller, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(caller);
        var personId = caller.PersonId;
        var agency = caller.Agency;
        var role = caller.Role;
        var rows = await session.Query<Notification>()
            .Where(n => n.PersonId == personId || (agency != null && n.Agency == agency && n.Role == role))
            .OrderByDescending(n => n.CreatedAt)
            .Take(max)
            .ToListAsync(cancellationToken);
        return rows.Select(n => new NotificationView(n.Id, n.DossierCode, n.Kind, n.DueAt, n.Message, n.CreatedAt)).ToList();
    }
}
