using System.Text.Json;
using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using JasperFx.Events;
using Marten;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Dossier.Api.Dossiers.Reading;

public sealed record HistoryEntry(
    long Version,
    string Type,
    DateTimeOffset At,
    DateTimeOffset RecordedAt,
    string? Actor,
    string? Role,
    string? Agency,
    string? CorrelationId,
    string? CausationId,
    string? Hash,
    JsonElement Data);

public sealed record GetHistory(string Code, Actor Caller) : IRequest<IReadOnlyList<HistoryEntry>>;

/// <summary>Every event of the stream in order, with who, when and why, read straight from the event store.</summary>
public sealed class GetHistoryHandler(IDocumentStore store, DossierAccess access, DossierReadLog readLog, IOptions<JsonOptions> jsonOptions) : IRequestHandler<GetHistory, IReadOnlyList<HistoryEntry>>
{
    public async ValueTask<IReadOnlyList<HistoryEntry>> Handle(GetHistory request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var (summary, _) = await access.Load(session, request.Code, request.Caller, cancellationToken);
        var events = await session.Events.FetchStreamAsync(summary.Id, token: cancellationToken);
        await readLog.Record(request.Caller, summary.Id, DossierReadLog.Kinds.History, cancellationToken);
        return events.Select(e => Entry(e, jsonOptions.Value.SerializerOptions)).ToList();
    }

    private static HistoryEntry Entry(IEvent e, JsonSerializerOptions json)
    {
        var data = (IDossierEvent)e.Data;
        return new HistoryEntry(
            e.Version,
            e.EventTypeName,
            data.At,
            e.Timestamp,
            Header(e, EventHeaders.Actor) ?? data.By.PersonId,
            Header(e, EventHeaders.Role),
            Header(e, EventHeaders.Agency),
            e.CorrelationId,
            e.CausationId,
            Header(e, Domain.Audit.EventSeal.Header),
            JsonSerializer.SerializeToElement(e.Data, e.Data.GetType(), json));
    }

    private static string? Header(IEvent e, string name) => Audit.StreamSealing.HeaderText(e, name);
}
