using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dossier.Domain.Audit;

/// <summary>
/// One spelling for a JSON value, whoever wrote it: object members sorted by ordinal name, no
/// whitespace, numbers in their shortest decimal form, strings escaped one way. The serializer that
/// appends an event and PostgreSQL's jsonb that hands it back spell the same value differently
/// (member order, spacing, exponents); hashing the canonical form makes them agree.
/// </summary>
/// <remarks>
/// The canonical form is written straight from the JSON text's UTF-8 bytes, whether they come from a
/// <see cref="JsonElement"/> or from a row read back from PostgreSQL: one implementation for every hash, and no
/// document or string built per value on the paths that hash a million events.
/// </remarks>
public static class CanonicalJson
{
    private const int SortedInPlace = 32;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    public static byte[] Encode(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, value);
        }

        return buffer.ToArray();
    }

    public static string ToText(JsonElement value) => Encoding.UTF8.GetString(Encode(value));

    public static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            throw new ArgumentException("A JSON value of kind Undefined has no canonical form.", nameof(value));
        }

        Write(writer, JsonMarshal.GetRawUtf8Value(value));
    }

    /// <summary>Writes the canonical form of the one JSON value that <paramref name="utf8Json"/> holds.</summary>
    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> utf8Json)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read())
        {
            throw new ArgumentException("The text holds no JSON value.", nameof(utf8Json));
        }

        WriteValue(writer, ref reader, utf8Json);
        if (reader.Read())
        {
            throw new ArgumentException("The text holds more than one JSON value.", nameof(utf8Json));
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(writer, ref reader, json);
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    WriteValue(writer, ref reader, json);
                }

                writer.WriteEndArray();
                break;
            case JsonTokenType.String:
                // An escaped string goes through .NET's string, as it always has, so that whatever the escapes spell
                // (a lone surrogate, say) is treated exactly as before; plain UTF-8 needs no detour.
                if (reader.ValueIsEscaped)
                {
                    writer.WriteStringValue(reader.GetString());
                }
                else
                {
                    writer.WriteStringValue(reader.ValueSpan);
                }

                break;
            case JsonTokenType.Number:
                WriteNumber(writer, reader.ValueSpan);
                break;
            case JsonTokenType.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonTokenType.False:
                writer.WriteBooleanValue(false);
                break;
            case JsonTokenType.Null:
                writer.WriteNullValue();
                break;
            default:
                throw new ArgumentException($"A JSON token of type {reader.TokenType} has no canonical form.", nameof(reader));
        }
    }

    /// <summary>A member: where its unescaped name (or, when escaped, the name itself) and its value lie in the object's text.</summary>
    private record struct Member(int NameStart, int NameLength, string? EscapedName, int ValueStart, int ValueEnd, int Position);

    private static void WriteObject(Utf8JsonWriter writer, ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var members = ArrayPool<Member>.Shared.Rent(16);
        var count = 0;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var escaped = reader.ValueIsEscaped ? reader.GetString() : null;
                var nameStart = (int)reader.TokenStartIndex + 1;
                var nameLength = reader.ValueSpan.Length;
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                reader.Skip();
                if (count == members.Length)
                {
                    var larger = ArrayPool<Member>.Shared.Rent(count * 2);
                    members.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<Member>.Shared.Return(members);
                    members = larger;
                }

                members[count] = new Member(nameStart, nameLength, escaped, valueStart, (int)reader.BytesConsumed, count);
                count++;
            }

            Sort(members.AsSpan(0, count), json);
            writer.WriteStartObject();
            foreach (var member in members.AsSpan(0, count))
            {
                if (member.EscapedName is { } name)
                {
                    writer.WritePropertyName(name);
                }
                else
                {
                    writer.WritePropertyName(json.Slice(member.NameStart, member.NameLength));
                }

                var value = json[member.ValueStart..member.ValueEnd];
                var valueReader = new Utf8JsonReader(value);
                valueReader.Read();
                WriteValue(writer, ref valueReader, value);
            }

            writer.WriteEndObject();
        }
        finally
        {
            ArrayPool<Member>.Shared.Return(members);
        }
    }

    /// <summary>Ordinal (UTF-16 code unit) order of names; members of the same name keep their order, as a stable sort does.</summary>
    private static void Sort(Span<Member> members, ReadOnlySpan<byte> json)
    {
        if (members.Length > SortedInPlace)
        {
            var names = new string[members.Length];
            for (var i = 0; i < members.Length; i++)
            {
                names[i] = members[i].EscapedName ?? Encoding.UTF8.GetString(json.Slice(members[i].NameStart, members[i].NameLength));
            }

            var order = members.ToArray();
            var positions = Enumerable.Range(0, order.Length).ToArray();
            Array.Sort(positions, (a, b) => string.CompareOrdinal(names[a], names[b]) is var byName and not 0 ? byName : a.CompareTo(b));
            for (var i = 0; i < positions.Length; i++)
            {
                members[i] = order[positions[i]];
            }

            return;
        }

        for (var i = 1; i < members.Length; i++)
        {
            var current = members[i];
            var j = i - 1;
            while (j >= 0 && CompareNames(members[j], current, json) > 0)
            {
                members[j + 1] = members[j];
                j--;
            }

            members[j + 1] = current;
        }
    }

    private static int CompareNames(in Member a, in Member b, ReadOnlySpan<byte> json)
    {
        if (a.EscapedName is null && b.EscapedName is null)
        {
            var left = json.Slice(a.NameStart, a.NameLength);
            var right = json.Slice(b.NameStart, b.NameLength);
            if (System.Text.Ascii.IsValid(left) && System.Text.Ascii.IsValid(right))
            {
                return left.SequenceCompareTo(right);
            }
        }

        return string.CompareOrdinal(NameOf(a, json), NameOf(b, json));
    }

    private static string NameOf(in Member member, ReadOnlySpan<byte> json) =>
        member.EscapedName ?? Encoding.UTF8.GetString(json.Slice(member.NameStart, member.NameLength));

    /// <summary>jsonb keeps a number's scale ("1.50") but not its exponent ("1E+3" becomes "1000"): numbers are spelled as .NET's decimal prints them.</summary>
    private static void WriteNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> raw)
    {
        if (IsShortUnsignedInteger(raw))
        {
            writer.WriteRawValue(raw, skipInputValidation: true);
        }
        else if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
        {
            Span<byte> text = stackalloc byte[64];
            exact.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
            writer.WriteRawValue(text[..written], skipInputValidation: true);
        }
        else
        {
            var inexact = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
            writer.WriteRawValue(inexact.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
        }
    }

    /// <summary>Digits only, fewer than decimal's 29: such a number is its own decimal spelling (JSON allows no leading zeros).</summary>
    private static bool IsShortUnsignedInteger(ReadOnlySpan<byte> raw) =>
        raw.Length is > 0 and < 29 && !raw.ContainsAnyExceptInRange((byte)'0', (byte)'9');
}
