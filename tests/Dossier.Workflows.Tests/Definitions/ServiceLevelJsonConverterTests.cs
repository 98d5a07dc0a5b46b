using System.Text.Json;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Definitions;

namespace Dossier.Workflows.Tests.Definitions;

public sealed class ServiceLevelJsonConverterTests
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new ServiceLevelJsonConverter() } };

    [Theory]
    [InlineData("3", ServiceLevel.Level3)]
    [InlineData("4", ServiceLevel.Level4)]
    [InlineData("\"level4\"", ServiceLevel.Level4)]
    [InlineData("\"Level3\"", ServiceLevel.Level3)]
    public void a_level_is_read_as_a_number_or_as_a_stored_name(string json, ServiceLevel expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize<ServiceLevel>(json, Json));

    [Theory]
    [InlineData("2")]
    [InlineData("\"level5\"")]
    [InlineData("true")]
    public void any_other_level_is_refused(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ServiceLevel>(json, Json));

    [Fact]
    public void a_level_is_written_as_its_number() => Assert.Equal("4", JsonSerializer.Serialize(ServiceLevel.Level4, Json));
}
