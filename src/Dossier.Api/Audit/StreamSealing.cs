using System.Text.Json;
using Dossier.Api.Dossiers;
using Dossier.Domain.Audit;
using Dossier.Domain.Dossiers;
using JasperFx.Events;
using Marten;

namespace Dossier.Api.Audit;

/// <summary>
/// Seals events onto their stream's hash chain just before they are saved. Marten copies the
/// session's correlation, causation and headers onto each event only while saving; the seal needs
/// them first, so it copies them itself (Marten then finds them set and keeps them).
/// </summary>
public static class StreamSealing
{
    /// <param name="startingVersion">The stream's version before these events (0 for a new stream).</param>
    /// <param name="previousHash">The hash of the stream's last stored event (null for a new stream).</param>
    public static void Seal(IDocumentSession session, string stream, long startingVersion, string? previousHash, IEnumerable<IEvent> pending)
    {
        var version = startingVersion;
        var previous = previousHash;
        foreach (var e in pending)
        {
            e.CorrelationId ??= session.CorrelationId;
            e.CausationId ??= session.CausationId;
            foreach (var name in new[] { EventHeaders.Actor, EventHeaders.Role, EventHeaders.Agency })
            {
                if (session.GetHeader(name) is { } value)
                {
                    e.SetHeader(name, value);
                }
            }

            using var data = JsonDocument.Parse(session.DocumentStore.Options.Serializer().ToJson(e.Data));
            var hash = EventSeal.Hash(previous, new SealedEvent(
                stream,
                ++version,
                DossierEventNames.NameOf(e.Data.GetType()),
                data.RootElement,
                HeaderText(e, EventHeaders.Actor),
                HeaderText(e, EventHeaders.Role),
                HeaderText(e, EventHeaders.Agency),
                e.CorrelationId,
                e.CausationId));
            e.SetHeader(EventSeal.Header, hash);
            previous = hash;
        }
    }

    public static string? HeaderText(IEvent e, string name) => e.Headers is { } headers && headers.TryGetValue(name, out var value) ? Text(value) : null;

    /// <summary>Headers read back from the store arrive as JSON elements, headers set in this process as strings.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement element => element.GetRawText(),
        _ => value.ToString(),
    };
}
