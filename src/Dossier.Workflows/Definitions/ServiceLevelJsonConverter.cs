using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Domain.Procedures;

namespace Dossier.Workflows.Definitions;

/// <summary>
/// A definition's level is written as the number people use (3 or 4); the names <c>level3</c>/<c>level4</c>
/// are read too, as versions published before the number was adopted stored them.
/// </summary>
public sealed class ServiceLevelJsonConverter : JsonConverter<ServiceLevel>
{
    public override ServiceLevel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var level = reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var number) => number,
            JsonTokenType.String => reader.GetString()?.ToLowerInvariant() switch
            {
                "3" or "level3" => 3,
                "4" or "level4" => 4,
                _ => 0,
            },
            _ => 0,
        };
        return Enum.IsDefined((ServiceLevel)level)
            ? (ServiceLevel)level
            : throw new JsonException("level must be 3 or 4.");
    }

    public override void Write(Utf8JsonWriter writer, ServiceLevel value, JsonSerializerOptions options) =>
        writer.WriteNumberValue((int)value);
}
