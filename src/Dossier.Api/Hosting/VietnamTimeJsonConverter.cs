using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Domain.Calendar;

namespace Dossier.Api.Hosting;

/// <summary>
/// Writes every instant at +07:00, the time people in Việt Nam read; reads any offset. The instant is the
/// same either way — only its written form changes.
/// </summary>
public sealed class VietnamTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToOffset(WorkingCalendar.VietnamOffset));
}
