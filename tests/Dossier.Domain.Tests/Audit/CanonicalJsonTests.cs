using System.Globalization;
using System.Text;
using System.Text.Json;
using Dossier.Domain.Audit;

namespace Dossier.Domain.Tests.Audit;

/// <summary>
/// The canonical form is written from UTF-8 bytes; these facts hold it to the form as first defined, over a
/// <see cref="JsonElement"/> (members sorted with a stable ordinal sort, strings through .NET strings, numbers through
/// decimal), which every stored chain was hashed with.
/// </summary>
public class CanonicalJsonTests
{
    private static readonly string[] Texts =
    [
        "", "a", "Nguyễn Văn An", "Hồ sơ <gấp> & \"khẩn\" + 😀", "tab\there", "line\nbreak\r\n", "\u0001\u001f\u007f", "back\\slash",
        "'`+<>&", "\u2028\u2029", "\uE000\uFFFF", "𝄞 music", "ⓐ",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "1.50", "1E+3", "1e-3", "12345678901234567890", "99999999999999999999999999999", "1.0E+2",
        "123456789012345678901234567890123", "1e400", "-1.5e-40", "0.1", "3.14159265358979323846264338327950288", "100",
    ];

    [Fact]
    public void Random_documents_get_the_canonical_form_as_first_defined()
    {
        var random = new Random(7);
        for (var i = 0; i < 3000; i++)
        {
            var json = Value(random, 0);
            using var document = JsonDocument.Parse(json);
            Assert.Equal(AsFirstDefined(document.RootElement), Canonical(document.RootElement));
            Assert.Equal(AsFirstDefined(document.RootElement), CanonicalOfBytes(Encoding.UTF8.GetBytes(json)));
        }
    }

    [Fact]
    public void Escaped_names_and_strings_sort_and_spell_as_their_text()
    {
        const string json = """{"\u00e9":1,"é2":2,"z":"\u0041\ud83d\ude00","\ud83d\ude00":3,"\uffff":4,"a":{"b":1,"a":[1,{"d":1,"c":2}]},"a":0}""";
        using var document = JsonDocument.Parse(json);

        Assert.Equal(AsFirstDefined(document.RootElement), CanonicalOfBytes(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Objects_with_many_members_sort_as_small_ones_do()
    {
        var members = Enumerable.Range(0, 200).Select(i => $"\"k{(i * 7919) % 200}\":{i}").Append("\"k5\":\"again\"");
        var json = "{" + string.Join(',', members) + "}";
        using var document = JsonDocument.Parse(json);

        Assert.Equal(AsFirstDefined(document.RootElement), CanonicalOfBytes(Encoding.UTF8.GetBytes(json)));
    }

    private static string Canonical(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            CanonicalJson.Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string CanonicalOfBytes(byte[] json)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            CanonicalJson.Write(writer, json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The canonical writer as it was first written, over the document: the definition the new one must meet.</summary>
    private static string AsFirstDefined(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());

        static void Write(Utf8JsonWriter writer, JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var member in value.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                    {
                        writer.WritePropertyName(member.Name);
                        Write(writer, member.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in value.EnumerateArray())
                    {
                        Write(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                case JsonValueKind.String:
                    writer.WriteStringValue(value.GetString());
                    break;
                case JsonValueKind.Number:
                    var raw = value.GetRawText();
                    writer.WriteRawValue(
                        decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
                            ? exact.ToString(CultureInfo.InvariantCulture)
                            : double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
                        skipInputValidation: true);
                    break;
                default:
                    value.WriteTo(writer);
                    break;
            }
        }
    }

    /// <summary>Random JSON text with whitespace, escapes, duplicate names and every kind of number and string above.</summary>
    private static string Value(Random random, int depth)
    {
        var kind = random.Next(depth > 3 ? 4 : 6);
        return kind switch
        {
            0 => Numbers[random.Next(Numbers.Length)],
            1 => String(random),
            2 => random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" },
            3 => Numbers[random.Next(Numbers.Length)],
            4 => "[ " + string.Join(" , ", Enumerable.Range(0, random.Next(4)).Select(_ => Value(random, depth + 1))) + "]",
            _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(6)).Select(_ => $"{Name(random)} :\n{Value(random, depth + 1)}")) + " }",
        };
    }

    private static string Name(Random random) =>
        random.Next(4) == 0 ? String(random) : JsonSerializer.Serialize(((char)('a' + random.Next(5))).ToString() + (random.Next(2) == 0 ? "" : "é"));

    /// <summary>A string as a serializer escapes it (every non-ASCII character as \u), or with only what JSON requires escaped.</summary>
    private static string String(Random random)
    {
        var text = Texts[random.Next(Texts.Length)];
        if (random.Next(2) == 0)
        {
            return JsonSerializer.Serialize(text);
        }

        var plain = new StringBuilder("\"");
        foreach (var c in text)
        {
            plain.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return plain.Append('"').ToString();
    }
}
