using System.Buffers;
using System.Text.Json;

namespace Dossier.Api.Archive;

/// <summary>
/// One stored event as an archive line. <see cref="Headers"/> and <see cref="Data"/> are JSON text as stored; they are
/// written into the line as JSON, not as strings, so the file reads naturally and nothing is escaped twice.
/// </summary>
/// <param name="Sequence">The event's sequence number in the source store (an import numbers events anew, in file order).</param>
public readonly record struct ArchivedEvent(
    long Sequence,
    string Stream,
    long Version,
    Guid Id,
    string Type,
    DateTimeOffset Timestamp,
    string? CorrelationId,
    string? CausationId,
    string? Headers,
    string Data);

/// <summary>One stream row: its aggregate type and times as Marten kept them, and its head.</summary>
public readonly record struct ArchivedStream(string Stream, string? Type, long Version, DateTimeOffset Created, DateTimeOffset Timestamp);

/// <summary>The property names of archive lines, shared by the writer and the loader.</summary>
internal static class LineNames
{
    public static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("seq");
    public static readonly JsonEncodedText Stream = JsonEncodedText.Encode("stream");
    public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    public static readonly JsonEncodedText CorrelationId = JsonEncodedText.Encode("correlationId");
    public static readonly JsonEncodedText CausationId = JsonEncodedText.Encode("causationId");
    public static readonly JsonEncodedText Headers = JsonEncodedText.Encode("headers");
    public static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    public static readonly JsonEncodedText Hash = JsonEncodedText.Encode("hash");
    public static readonly JsonEncodedText Created = JsonEncodedText.Encode("created");
}

/// <summary>Formats archive lines into a reused buffer: one JSON object per line, no whitespace.</summary>
internal sealed class LineFormatter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly ArrayBufferWriter<byte> buffer = new(4096);
    private readonly Utf8JsonWriter writer;

    public LineFormatter() => writer = new Utf8JsonWriter(buffer, Options);

    public ReadOnlySpan<byte> Event(in ArchivedEvent e)
    {
        Begin();
        writer.WriteNumber(LineNames.Sequence, e.Sequence);
        writer.WriteString(LineNames.Stream, e.Stream);
        writer.WriteNumber(LineNames.Version, e.Version);
        writer.WriteString(LineNames.Id, e.Id);
        writer.WriteString(LineNames.Type, e.Type);
        writer.WriteString(LineNames.Timestamp, e.Timestamp);
        WriteOptional(LineNames.CorrelationId, e.CorrelationId);
        WriteOptional(LineNames.CausationId, e.CausationId);
        writer.WritePropertyName(LineNames.Headers);
        if (e.Headers is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(e.Headers, skipInputValidation: true);
        }

        writer.WritePropertyName(LineNames.Data);
        writer.WriteRawValue(e.Data, skipInputValidation: true);
        return End();
    }

    public ReadOnlySpan<byte> Stream(in ArchivedStream s, string? headHash)
    {
        Begin();
        writer.WriteString(LineNames.Stream, s.Stream);
        WriteOptional(LineNames.Type, s.Type);
        writer.WriteNumber(LineNames.Version, s.Version);
        WriteOptional(LineNames.Hash, headHash);
        writer.WriteString(LineNames.Created, s.Created);
        writer.WriteString(LineNames.Timestamp, s.Timestamp);
        return End();
    }

    public ReadOnlySpan<byte> Document(string id, string data)
    {
        Begin();
        writer.WriteString(LineNames.Id, id);
        writer.WritePropertyName(LineNames.Data);
        writer.WriteRawValue(data, skipInputValidation: true);
        return End();
    }

    private void Begin()
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
    }

    private ReadOnlySpan<byte> End()
    {
        writer.WriteEndObject();
        writer.Flush();
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        return buffer.WrittenSpan;
    }

    private void WriteOptional(JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
