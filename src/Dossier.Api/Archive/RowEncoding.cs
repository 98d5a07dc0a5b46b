using System.Text;
using System.Text.Json;
using Dossier.Domain.Dossiers;

namespace Dossier.Api.Archive;

/// <summary>Turns archive lines into rows of Marten's tables in binary COPY format, without building objects per event.</summary>
internal sealed class RowEncoding
{
    public const string EventColumns = "seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type, correlation_id, causation_id, headers";

    public const string StreamColumns = "id, type, version, timestamp, created";

    /// <summary>Marten also stores each event's .NET type; the archive carries only the stable event name, so it is derived here.</summary>
    private readonly Dictionary<string, byte[]> dotNetTypes = DossierEventNames.ByName.ToDictionary(
        e => e.Key, e => Encoding.UTF8.GetBytes($"{e.Value.FullName}, {e.Value.Assembly.GetName().Name}"), StringComparer.Ordinal);

    private byte[] scratch = new byte[256];

    /// <summary>Encodes one event line as the row with sequence number <paramref name="sequence"/>.</summary>
    public void Event(ReadOnlySpan<byte> line, long sequence, BinaryCopyWriter copy, LineReader source)
    {
        var reader = new Utf8JsonReader(line);
        ReadOnlySpan<byte> stream = default, correlation = default, causation = default, headers = default, data = default;
        bool hasStream = false, hasCorrelation = false, hasCausation = false, hasHeaders = false, hasData = false;
        long version = 0;
        Guid id = default;
        string? type = null;
        DateTimeOffset? timestamp = null;
        var scratchUsed = 0;
        try
        {
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, source, "not a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("stream"u8))
                {
                    stream = Unescaped(ref reader, line, ref scratchUsed);
                    hasStream = true;
                }
                else if (name.SequenceEqual("version"u8))
                {
                    version = reader.GetInt64();
                }
                else if (name.SequenceEqual("id"u8))
                {
                    id = reader.GetGuid();
                }
                else if (name.SequenceEqual("type"u8))
                {
                    type = reader.GetString();
                }
                else if (name.SequenceEqual("timestamp"u8))
                {
                    timestamp = reader.GetDateTimeOffset();
                }
                else if (name.SequenceEqual("correlationId"u8))
                {
                    hasCorrelation = reader.TokenType != JsonTokenType.Null;
                    correlation = hasCorrelation ? Unescaped(ref reader, line, ref scratchUsed) : default;
                }
                else if (name.SequenceEqual("causationId"u8))
                {
                    hasCausation = reader.TokenType != JsonTokenType.Null;
                    causation = hasCausation ? Unescaped(ref reader, line, ref scratchUsed) : default;
                }
                else if (name.SequenceEqual("headers"u8))
                {
                    hasHeaders = reader.TokenType != JsonTokenType.Null;
                    headers = hasHeaders ? Raw(ref reader, line) : default;
                }
                else if (name.SequenceEqual("data"u8))
                {
                    hasData = true;
                    data = Raw(ref reader, line);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw source.Error($"not a readable event: {e.Message}");
        }

        Expect(hasStream && version > 0 && id != Guid.Empty && type is not null && timestamp is not null && hasData, source,
            "an event needs stream, version, id, type, timestamp and data");
        if (!dotNetTypes.TryGetValue(type!, out var dotNetType))
        {
            throw source.Error($"'{type}' is not an event type this version knows");
        }

        copy.StartRow(11);
        copy.Int64(sequence);
        copy.Uuid(id);
        copy.Text(stream);
        copy.Int64(version);
        copy.Jsonb(data);
        copy.Text(type);
        copy.Timestamp(timestamp!.Value);
        copy.Text(dotNetType);
        Optional(copy, hasCorrelation, correlation);
        Optional(copy, hasCausation, causation);
        if (hasHeaders)
        {
            copy.Jsonb(headers);
        }
        else
        {
            copy.Null();
        }
    }

    /// <summary>Encodes one stream line and returns the stream's key.</summary>
    public static string Stream(ReadOnlySpan<byte> line, BinaryCopyWriter copy, LineReader source)
    {
        var reader = new Utf8JsonReader(line);
        string? stream = null, type = null;
        long version = 0;
        DateTimeOffset? created = null, timestamp = null;
        try
        {
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, source, "not a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "stream":
                        stream = reader.GetString();
                        break;
                    case "type":
                        type = reader.GetString();
                        break;
                    case "version":
                        version = reader.GetInt64();
                        break;
                    case "created":
                        created = reader.GetDateTimeOffset();
                        break;
                    case "timestamp":
                        timestamp = reader.GetDateTimeOffset();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw source.Error($"not a readable stream: {e.Message}");
        }

        Expect(stream is not null && version > 0 && created is not null && timestamp is not null, source,
            "a stream needs stream, version, created and timestamp");
        copy.StartRow(5);
        copy.Text(stream);
        copy.Text(type);
        copy.Int64(version);
        copy.Timestamp(timestamp!.Value);
        copy.Timestamp(created!.Value);
        return stream!;
    }

    /// <summary>A document line's id and its JSON data.</summary>
    public static (string Id, string Data) Document(ReadOnlySpan<byte> line, LineReader source)
    {
        var reader = new Utf8JsonReader(line);
        string? id = null, data = null;
        try
        {
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, source, "not a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "id":
                        id = reader.GetString();
                        break;
                    case "data":
                        data = Encoding.UTF8.GetString(Raw(ref reader, line));
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw source.Error($"not a readable document: {e.Message}");
        }

        Expect(id is not null && data is not null, source, "a document needs id and data");
        return (id!, data!);
    }

    private static void Optional(BinaryCopyWriter copy, bool present, ReadOnlySpan<byte> value)
    {
        if (present)
        {
            copy.Text(value);
        }
        else
        {
            copy.Null();
        }
    }

    /// <summary>The value as written, from its first byte to its last: an object, array or scalar.</summary>
    private static ReadOnlySpan<byte> Raw(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return line[start..(int)reader.BytesConsumed];
    }

    /// <summary>A string value's UTF-8 bytes: straight from the line, or unescaped into the scratch buffer.</summary>
    private ReadOnlySpan<byte> Unescaped(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> line, scoped ref int scratchUsed)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string, found {reader.TokenType}");
        }

        if (!reader.ValueIsEscaped)
        {
            return line.Slice((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
        }

        var needed = scratchUsed + reader.ValueSpan.Length;
        if (needed > scratch.Length)
        {
            // Earlier spans of this line point into the old array, which stays alive while they are used.
            scratch = new byte[Math.Max(needed, scratch.Length * 2)];
            scratchUsed = 0;
        }

        var written = reader.CopyString(scratch.AsSpan(scratchUsed));
        var value = scratch.AsSpan(scratchUsed, written);
        scratchUsed += written;
        return value;
    }

    private static void Expect(bool condition, LineReader source, string what)
    {
        if (!condition)
        {
            throw source.Error(what);
        }
    }
}
