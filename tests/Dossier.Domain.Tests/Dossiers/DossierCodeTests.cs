using System.Text.Json;
using Dossier.Domain.Dossiers;

namespace Dossier.Domain.Tests.Dossiers;

public class DossierCodeTests
{
    [Fact]
    public void A_code_is_unit_date_and_four_digit_sequence()
    {
        var code = DossierCode.Create("000.00.15.H08", new DateOnly(2025, 3, 3), 7);

        Assert.Equal("000.00.15.H08-250303-0007", code.ToString());
    }

    [Theory]
    [InlineData("H21.65-220914-0011", "H21.65", 2022, 9, 14, 11)]
    [InlineData("000.00.01.H22-250101-9999", "000.00.01.H22", 2025, 1, 1, 9999)]
    [InlineData("H08-000229-0001", "H08", 2000, 2, 29, 1)]
    public void Codes_seen_in_practice_parse(string text, string unit, int year, int month, int day, int sequence)
    {
        var code = DossierCode.Parse(text);

        Assert.Equal(unit, code.Unit);
        Assert.Equal(new DateOnly(year, month, day), code.Day);
        Assert.Equal(sequence, code.Sequence);
        Assert.Equal(text, code.ToString());
        Assert.Equal(DossierCode.Create(unit, new DateOnly(year, month, day), sequence), code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("H21.65")]
    [InlineData("H21.65-220914")]
    [InlineData("-220914-0011")]
    [InlineData("H21..65-220914-0011")]
    [InlineData(".H21-220914-0011")]
    [InlineData("H21_65-220914-0011")]
    [InlineData("H21-65-220914-0011")]
    [InlineData("H21.65-220931-0011")]
    [InlineData("H21.65-221301-0011")]
    [InlineData("H21.65-22091-0011")]
    [InlineData("H21.65-220914-011")]
    [InlineData("H21.65-220914-0000")]
    [InlineData("H21.65-220914-00a1")]
    [InlineData("H21.65-220914-00011")]
    public void Malformed_codes_do_not_parse(string text)
    {
        Assert.False(DossierCode.TryParse(text, out _));
        Assert.Throws<FormatException>(() => DossierCode.Parse(text));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000)]
    public void The_sequence_has_four_digits(int sequence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DossierCode.Create("H21.65", new DateOnly(2025, 1, 1), sequence));

    [Theory]
    [InlineData("")]
    [InlineData("H21-65")]
    [InlineData("H21.")]
    public void The_unit_is_letters_and_digits_in_dotted_groups(string unit) =>
        Assert.Throws<ArgumentException>(() => DossierCode.Create(unit, new DateOnly(2025, 1, 1), 1));

    [Fact]
    public void A_code_is_written_to_json_as_its_text()
    {
        var code = DossierCode.Parse("H21.65-220914-0011");

        var json = JsonSerializer.Serialize(code);

        Assert.Equal("\"H21.65-220914-0011\"", json);
        Assert.Equal(code, JsonSerializer.Deserialize<DossierCode>(json));
    }
}
