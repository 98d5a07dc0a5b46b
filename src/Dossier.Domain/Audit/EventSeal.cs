using System.Runtime.InteropServices;
using System.Text;
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

    [ThreadStatic]
    private static EventHasher? hasher;

    public static string Hash(string? previous, SealedEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        Span<byte> hash = stackalloc byte[EventHasher.HashLength];
        (hasher ??= new EventHasher()).Hash(Utf8(previous), new SealedEventUtf8(
            Encoding.UTF8.GetBytes(@event.Stream), @event.Version, Encoding.UTF8.GetBytes(@event.Type), JsonMarshal.GetRawUtf8Value(@event.Data),
            Utf8(@event.Actor), Utf8(@event.Role), Utf8(@event.Agency), Utf8(@event.CorrelationId), Utf8(@event.CausationId)), hash);
        return Encoding.ASCII.GetString(hash);
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

    private static Utf8Field Utf8(string? value) => value is null ? default : new Utf8Field(Encoding.UTF8.GetBytes(value));
}

/// <param name="Events">How many events held before the first break (all of them when intact).</param>
/// <param name="Head">The hash of the last event that held.</param>
public sealed record ChainCheck(bool Valid, long Events, long? BrokenAtVersion, string? Head, string? Reason)
{
    public static ChainCheck Intact(long events, string? head) => new(true, events, null, head, null);

    public static ChainCheck Broken(long held, long version, string? head, string reason) => new(false, held, version, head, reason);
}
