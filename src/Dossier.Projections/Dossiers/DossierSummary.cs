using Dossier.Domain.Audit;
using Dossier.Domain.Dossiers;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

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

    public static void ConfigureIndexes(StoreOptions options) =>
        options.Schema.For<DossierSummary>()
            .Index(s => s.Agency)
            .Index(s => s.Status)
            .Index(s => s.OwnerId)
            .Index(s => s.Assignee)
            .Index(s => s.DueAt)
            .Index(s => s.FiledAt);
}
