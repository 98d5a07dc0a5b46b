using Dossier.Domain.Dossiers;
using Marten;

namespace Dossier.Api.Notifications;

/// <summary>Citizens are told of their dossier's status changes, in the transaction that changes it.</summary>
public static class CitizenNotifications
{
    public const string Kind = "statusChanged";

    /// <summary>Stores one notification (and its outbox message) per status change among <paramref name="events"/>.</summary>
    /// <param name="version">The stream version before the events.</param>
    public static void Add(IDocumentSession session, DossierState before, IEnumerable<IDossierEvent> events, long version)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(events);
        var state = before;
        foreach (var e in events)
        {
            version++;
            var next = DossierState.Evolve(state, e);
            if (next.Status != state.Status && next.OwnerId is { } owner)
            {
                var status = char.ToLowerInvariant(next.Status.ToString()[0]) + next.Status.ToString()[1..];
                var notification = new Notification
                {
                    Id = $"{e.Code}|{Kind}|{version}|person:{owner}",
                    PersonId = owner,
                    DossierCode = e.Code.ToString(),
                    Kind = Kind,
                    Message = $"Hồ sơ {e.Code} chuyển sang trạng thái {status} ({next.NationalStatusCode}).",
                    CreatedAt = e.At,
                };
                session.Store(notification);
                session.Store(new OutboxMessage
                {
                    Id = notification.Id,
                    Channel = "person",
                    To = owner,
                    Body = notification.Message,
                    NextAttemptAt = e.At,
                });
            }

            state = next;
        }
    }
}
