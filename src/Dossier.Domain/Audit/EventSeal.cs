using System.Security.Cryptography;
using System.Text.Json;

namespace Dossier.Domain.Audit;

/// <summary>What the hash of one stored event covers, besides its predecessor's hash.</summary>
/// <param name="Data">The event's stored JSON; it holds the event's time (<c>at</c>) and actor (<c>by</c>).</param>
/// <param name="Actor">The person, role and agency headers the history shows next to the event.</param>
public sealed record SealedEvent(
    string Stream,
    long Version,
    string Type,
    JsonElement Data,
    string? Actor,
    string? Role,
    string? Agency,
    string? CorrelationId,
    string? CausationId);

/// <summary>
/// The hash chain of a dossier's stream: each event's hash is the SHA-256 of the canonical JSON of its
/// predecessor's hash and its own content, so changing, removing, inserting or reordering any event
/// changes every hash after it. Hashes are lowercase hex; the first event's predecessor is null.
/// </summary>
public static class EventSeal
{
    public const string Header = "hash";

    public static string Hash(string? previous, SealedEvent @event)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteOptional(writer, "actor", @event.Actor);
            WriteOptional(writer, "agency", @event.Agency);
            WriteOptional(writer, "causationId", @event.CausationId);
            WriteOptional(writer, "correlationId", @event.CorrelationId);
            writer.WritePropertyName("data");
            CanonicalJson.Write(writer, @event.Data);
            WriteOptional(writer, "previous", previous);
            WriteOptional(writer, "role", @event.Role);
            writer.WriteString("stream", @event.Stream);
            writer.WriteString("type", @event.Type);
            writer.WriteNumber("version", @event.Version);
            writer.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    /// <summary>Walks a stream in version order and names the first event that does not hold.</summary>
    public static ChainCheck Verify(IEnumerable<(SealedEvent Event, string? StoredHash)> stream)
    {
        string? previous = null;
        var expectedVersion = 1L;
        foreach (var (@event, stored) in stream)
        {
            if (@event.Version != expectedVersion)
            {
                return ChainCheck.Broken(expectedVersion - 1, expectedVersion, previous,
                    $"version {expectedVersion} is missing: the next stored event is version {@event.Version}");
            }

            var hash = Hash(previous, @event);
            if (!string.Equals(hash, stored, StringComparison.Ordinal))
            {
                return ChainCheck.Broken(expectedVersion - 1, expectedVersion, previous,
                    stored is null
                        ? $"version {expectedVersion} carries no hash"
                        : $"version {expectedVersion} does not match its hash: its content or its predecessor changed");
            }

            previous = hash;
            expectedVersion++;
        }

        return ChainCheck.Intact(expectedVersion - 1, previous);
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}

/// <param name="Events">How many events held before the first break (all of them when intact).</param>
/// <param name="Head">The hash of the last event that held.</param>
public sealed record ChainCheck(bool Valid, long Events, long? BrokenAtVersion, string? Head, string? Reason)
{
    public static ChainCheck Intact(long events, string? head) => new(true, events, null, head, null);

    public static ChainCheck Broken(long held, long version, string? head, string reason) => new(false, held, version, head, reason);
}
