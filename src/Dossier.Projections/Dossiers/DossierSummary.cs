using System.Text.Json.Serialization;
using Dossier.Domain.Audit;
using Dossier.Domain.Dossiers;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Marten.Schema;
using NpgsqlTypes;

namespace Dossier.Projections.Dossiers;

/// <summary>
/// The read side of one dossier, kept in step with its stream inside the same transaction
/// (read-your-writes). <see cref="State"/> is exactly the domain's fold of the events; the other
/// fields are copies that queries filter and sort on.
/// </summary>
public sealed record DossierSummary
{
    public required string Id { get; init; }

    public long Version { get; init; }

    public required DossierState State { get; init; }

    public string Agency { get; init; } = "";

    public string ProcedureCode { get; init; } = "";

    public DossierStatus Status { get; init; }

    public string? OwnerId { get; init; }

    public string? Assignee { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public DateTimeOffset FiledAt { get; init; }

    public DateTimeOffset LastChangedAt { get; init; }

    public bool IsOpen { get; init; }

    /// <summary>The hash of the stream's last event: the next event is sealed onto it.</summary>
    public string? ChainHead { get; init; }

    /// <summary><see cref="FiledAt"/> in UTC, for its column: Npgsql writes no other offset to <c>timestamptz</c>.</summary>
    [JsonIgnore]
    public DateTimeOffset FiledAtUtc => FiledAt.ToUniversalTime();

    /// <summary><see cref="DueAt"/> (a Hà Nội time) in UTC, for its column.</summary>
    [JsonIgnore]
    public DateTimeOffset? DueAtUtc => DueAt?.ToUniversalTime();

    public static DossierSummary Fold(DossierSummary? current, string id, IDossierEvent @event, long version)
    {
        var state = DossierState.Evolve(current?.State ?? DossierState.Initial, @event);
        return new DossierSummary
        {
            Id = id,
            Version = version,
            State = state,
            Agency = state.Procedure?.Agency ?? "",
            ProcedureCode = state.Procedure?.Code ?? "",
            Status = state.Status,
            OwnerId = state.OwnerId,
            Assignee = state.Assignee,
            DueAt = state.DueAt,
            FiledAt = state.FiledAt ?? @event.At,
            LastChangedAt = @event.At,
            IsOpen = state.IsOpen,
        };
    }

    /// <summary>
    /// Marten's hook for the summary's table. The work queue (<c>GET /dossiers</c>) and the SLA sweep filter and sort on
    /// columns duplicated out of the document, and only three of them are indexed: a unit's queue newest first, every
    /// unit's queue newest first (auditors), an officer's queue. An expression index over <c>data</c> would be evaluated
    /// again on every write of the 2–3 KB document, and makes every update of it write every index: PostgreSQL's
    /// heap-only update needs the indexed columns unchanged, and <c>data</c> always changes. With plain columns, an
    /// event that leaves unit, filing time and assignee alone (a reminder among them) updates the row in place, in the
    /// room the fill factor keeps free on each page (ADR 0023).
    /// </summary>
    public static void ConfigureMarten(DocumentMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        const string Timestamp = "timestamp with time zone";
        mapping.DuplicateField(nameof(Agency));
        mapping.DuplicateField(nameof(FiledAtUtc), Timestamp).DbType = NpgsqlDbType.TimestampTz;
        mapping.DuplicateField(nameof(Assignee));
        mapping.DuplicateField(nameof(DueAtUtc), Timestamp).DbType = NpgsqlDbType.TimestampTz;
        mapping.Indexes.Add(new DocumentIndex(mapping, "agency", "filed_at_utc"));
        mapping.Indexes.Add(new DocumentIndex(mapping, "filed_at_utc"));
        mapping.Indexes.Add(new DocumentIndex(mapping, "assignee"));
        mapping.StorageParameters["fillfactor"] = 70;
    }
}

public sealed class DossierSummaryProjection : SingleStreamProjection<DossierSummary, string>
{
    public DossierSummaryProjection() => Rebuilding.ProjectionPaging.Apply(Options);

    public override DossierSummary? Evolve(DossierSummary? snapshot, string id, IEvent e) =>
        e.Data is IDossierEvent dossierEvent
            ? DossierSummary.Fold(snapshot, id, dossierEvent, e.Version) with { ChainHead = ChainHead(e) }
            : snapshot;

    private static string? ChainHead(IEvent e) => e.GetHeader(EventSeal.Header) switch
    {
        null => null,
        System.Text.Json.JsonElement element => element.GetString(),
        var value => value.ToString(),
    };
}
