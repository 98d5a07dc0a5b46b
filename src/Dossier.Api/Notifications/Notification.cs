using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Marten;
using NpgsqlTypes;

namespace Dossier.Api.Notifications;

/// <summary>
/// One notification for one recipient: a person (<see cref="PersonId"/>) or everyone in a role of a unit
/// (<see cref="Agency"/> + <see cref="Role"/>: the desk, the leader). The id is deterministic, so storing it twice is one row.
/// </summary>
public sealed record Notification
{
    public required string Id { get; init; }

    public string? PersonId { get; init; }

    public string? Agency { get; init; }

    public Role? Role { get; init; }

    public required string DossierCode { get; init; }

    /// <summary>deadlineApproaching, overdue, stepDue, escalation.</summary>
    public required string Kind { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public required string Message { get; init; }

    /// <summary>Kept in UTC: Npgsql writes no other offset to the <c>timestamptz</c> column it is duplicated into.</summary>
    public DateTimeOffset CreatedAt { get; init => field = value.ToUniversalTime(); }

    /// <summary>
    /// The columns <c>GET /notifications</c> searches and sorts by, duplicated out of the document and indexed as plain
    /// columns: a sweep stores one notification per reminder and recipient, and an expression index over <c>data</c>
    /// (for the instant, through a SQL function) costs PostgreSQL far more per insert (ADR 0023).
    /// </summary>
    public static void Configure(StoreOptions options) =>
        options.Schema.For<Notification>()
            .Duplicate(n => n.PersonId!)
            .Duplicate(n => n.Agency!)
            .Duplicate(n => n.CreatedAt, "timestamp with time zone", NpgsqlDbType.TimestampTz)
            .Duplicate(n => n.DossierCode);

    public static string Wire(ReminderKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The notifications of one recorded reminder: who is concerned depends on its kind.</summary>
    public static IEnumerable<Notification> Of(ReminderRecorded reminder, DossierState dossier)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentNullException.ThrowIfNull(dossier);
        var code = reminder.Code.ToString();
        var agency = dossier.Procedure?.Agency;
        var kind = Wire(reminder.Kind);
        var message = reminder.Kind switch
        {
            ReminderKind.DeadlineApproaching => $"Hồ sơ {code} sắp đến hạn ({reminder.DueAt:yyyy-MM-dd HH:mm}).",
            ReminderKind.Overdue => $"Hồ sơ {code} đã quá hạn ({reminder.DueAt:yyyy-MM-dd HH:mm}).",
            ReminderKind.StepDue => $"Bước {reminder.StepId} của hồ sơ {code} đã đến hạn.",
            ReminderKind.Escalation => $"Hồ sơ {code} quá hạn đã lâu: cần lãnh đạo xử lý.",
            _ => throw new ArgumentOutOfRangeException(nameof(reminder), reminder.Kind, null),
        };
        var baseId = $"{code}|{kind}|{reminder.DueAt.UtcTicks}";

        Notification Make(string recipient, string? person, Role? role) => new()
        {
            Id = $"{baseId}|{recipient}",
            PersonId = person,
            Agency = person is null ? agency : null,
            Role = role,
            DossierCode = code,
            Kind = kind,
            DueAt = reminder.DueAt,
            Message = message,
            CreatedAt = reminder.At,
        };

        if (dossier.Assignee is { } assignee)
        {
            yield return Make($"person:{assignee}", assignee, null);
        }

        if (agency is null)
        {
            yield break;
        }

        if (reminder.Kind is ReminderKind.Overdue or ReminderKind.DeadlineApproaching)
        {
            yield return Make("desk", null, Domain.Access.Role.Reception);
        }

        if (reminder.Kind is ReminderKind.Escalation or ReminderKind.Overdue)
        {
            yield return Make("leader", null, Domain.Access.Role.Leader);
        }
    }
}
