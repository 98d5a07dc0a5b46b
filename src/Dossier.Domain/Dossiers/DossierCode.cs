using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dossier.Domain.Dossiers;

/// <summary>
/// A dossier code of Circular 01/2018/TT-VPCP: <c>&lt;unit identifier&gt;-&lt;YYMMDD&gt;-&lt;NNNN&gt;</c>,
/// e.g. <c>H21.65-220914-0011</c>. It is also the key of the dossier's event stream.
/// </summary>
[JsonConverter(typeof(DossierCodeJsonConverter))]
public readonly record struct DossierCode : IParsable<DossierCode>
{
    private DossierCode(string unit, DateOnly day, int sequence)
    {
        Unit = unit;
        Day = day;
        Sequence = sequence;
    }

    /// <summary>The receiving unit's identifier, e.g. <c>000.00.15.H08</c>.</summary>
    public string Unit { get; }

    /// <summary>The day the dossier was received (for an online dossier, submitted).</summary>
    public DateOnly Day { get; }

    /// <summary>1–9999, gap-free within the unit and day.</summary>
    public int Sequence { get; }

    public static DossierCode Create(string unit, DateOnly day, int sequence)
    {
        if (!IsUnitIdentifier(unit))
        {
            throw new ArgumentException(
                $"'{unit}' is not a unit identifier (letters and digits in dot-separated groups).", nameof(unit));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 9999);
        if (day.Year is < 2000 or > 2099)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "A two-digit year only covers 2000–2099.");
        }

        return new DossierCode(unit, day, sequence);
    }

    public static DossierCode Parse(string s) => Parse(s, null);

    public static DossierCode Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var code)
            ? code
            : throw new FormatException($"'{s}' is not a dossier code (<unit identifier>-<YYMMDD>-<NNNN>).");

    public static bool TryParse(string? s, out DossierCode result) => TryParse(s, null, out result);

    public static bool TryParse(string? s, IFormatProvider? provider, out DossierCode result)
    {
        result = default;
        if (s is null)
        {
            return false;
        }

        var parts = s.Split('-');
        if (parts.Length != 3 || !IsUnitIdentifier(parts[0]) || !IsDigits(parts[1], 6) || !IsDigits(parts[2], 4))
        {
            return false;
        }

        var year = 2000 + int.Parse(parts[1].AsSpan(0, 2), CultureInfo.InvariantCulture);
        var month = int.Parse(parts[1].AsSpan(2, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(parts[1].AsSpan(4, 2), CultureInfo.InvariantCulture);
        var sequence = int.Parse(parts[2], CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || sequence < 1)
        {
            return false;
        }

        result = new DossierCode(parts[0], new DateOnly(year, month, day), sequence);
        return true;
    }

    public override string ToString() =>
        Unit is null
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"{Unit}-{Day:yyMMdd}-{Sequence:D4}");

    private static bool IsUnitIdentifier(string? unit) =>
        !string.IsNullOrEmpty(unit)
        && unit.Split('.').All(group => group.Length > 0 && group.All(char.IsAsciiLetterOrDigit));

    private static bool IsDigits(string s, int length) => s.Length == length && s.All(char.IsAsciiDigit);
}

/// <summary>Writes a <see cref="DossierCode"/> as its string form, so stored events and views read naturally.</summary>
public sealed class DossierCodeJsonConverter : JsonConverter<DossierCode>
{
    public override DossierCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, DossierCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());

    public override DossierCode ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, DossierCode value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToString());

    private static DossierCode Parse(string? s) =>
        DossierCode.TryParse(s, out var code) ? code : throw new JsonException($"'{s}' is not a dossier code.");
}
