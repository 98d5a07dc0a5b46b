using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Dossier.Domain.Audit;

/// <summary>A string of a sealed event as UTF-8 bytes, or none (which the hash leaves out, unlike an empty string).</summary>
public readonly ref struct Utf8Field
{
    public Utf8Field(ReadOnlySpan<byte> value)
    {
        Value = value;
        HasValue = true;
    }

    public ReadOnlySpan<byte> Value { get; }

    public bool HasValue { get; }
}

/// <summary>What <see cref="SealedEvent"/> holds, as UTF-8 bytes: the form a row read back from PostgreSQL arrives in.</summary>
/// <param name="Data">The event's JSON text.</param>
public readonly ref struct SealedEventUtf8(
    ReadOnlySpan<byte> stream,
    long version,
    ReadOnlySpan<byte> type,
    ReadOnlySpan<byte> data,
    Utf8Field actor,
    Utf8Field role,
    Utf8Field agency,
    Utf8Field correlationId,
    Utf8Field causationId)
{
    public ReadOnlySpan<byte> Stream { get; } = stream;

    public long Version { get; } = version;

    public ReadOnlySpan<byte> Type { get; } = type;

    public ReadOnlySpan<byte> Data { get; } = data;

    public Utf8Field Actor { get; } = actor;

    public Utf8Field Role { get; } = role;

    public Utf8Field Agency { get; } = agency;

    public Utf8Field CorrelationId { get; } = correlationId;

    public Utf8Field CausationId { get; } = causationId;
}

/// <summary>
/// Computes <see cref="EventSeal"/> hashes into a buffer it reuses: the sealed JSON object (members in ordinal order,
/// absent ones left out, <c>data</c> in canonical JSON), its SHA-256, as 64 lowercase hex digits in UTF-8. One instance
/// per thread.
/// </summary>
public sealed class EventHasher
{
    public const int HashLength = 64;

    private readonly ArrayBufferWriter<byte> buffer = new(4096);
    private readonly Utf8JsonWriter writer;

    public EventHasher() => writer = new Utf8JsonWriter(buffer);

    /// <param name="previous">The predecessor's hash; none for a stream's first event.</param>
    /// <param name="hash">Receives the <see cref="HashLength"/> hex digits.</param>
    public void Hash(Utf8Field previous, SealedEventUtf8 @event, Span<byte> hash)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        WriteOptional("actor"u8, @event.Actor);
        WriteOptional("agency"u8, @event.Agency);
        WriteOptional("causationId"u8, @event.CausationId);
        WriteOptional("correlationId"u8, @event.CorrelationId);
        writer.WritePropertyName("data"u8);
        CanonicalJson.Write(writer, @event.Data);
        WriteOptional("previous"u8, previous);
        WriteOptional("role"u8, @event.Role);
        writer.WriteString("stream"u8, @event.Stream);
        writer.WriteString("type"u8, @event.Type);
        writer.WriteNumber("version"u8, @event.Version);
        writer.WriteEndObject();
        writer.Flush();

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, digest);
        if (!Convert.TryToHexStringLower(digest, hash, out var written) || written != HashLength)
        {
            throw new ArgumentException($"A hash needs {HashLength} bytes.", nameof(hash));
        }
    }

    private void WriteOptional(ReadOnlySpan<byte> name, Utf8Field value)
    {
        if (value.HasValue)
        {
            writer.WriteString(name, value.Value);
        }
    }
}
