using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Domain.Access;
using Dossier.Domain.Procedures;

namespace Dossier.Workflows.Definitions;

public enum AdministrativeLevel
{
    Province,
    District,
    Commune,
}

/// <summary>Decree 42/2022's names for how much of a procedure is online.</summary>
public enum OnlineMode
{
    /// <summary>"Toàn trình": the whole procedure online, ≈ level 4.</summary>
    ToanTrinh,

    /// <summary>"Một phần": partly online, ≈ level 3.</summary>
    MotPhan,
}

/// <summary>
/// A procedure as written in its JSON definition file (docs/procedures.md describes the format).
/// The version and effective date are given when it is published, not written in the file.
/// </summary>
public sealed record ProcedureDefinition(
    string Code,
    string Name,
    string Field,
    AdministrativeLevel AdministrativeLevel,
    string Agency,
    [property: JsonConverter(typeof(ServiceLevelJsonConverter))] ServiceLevel Level,
    OnlineMode OnlineMode,
    int WorkingDays,
    SupplementPolicy SupplementPolicy,
    IReadOnlyList<Fee> Fees,
    IReadOnlyList<RequiredDocument> RequiredDocuments,
    IReadOnlyList<ResultDelivery> ResultDeliveries,
    IReadOnlyList<StepDefinition> Steps)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: true) },
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,

        // Every property of the format is required (null only where the format allows it), so a missing one is an
        // error that names it rather than a silent default.
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static ProcedureDefinition Parse(string json) =>
        JsonSerializer.Deserialize<ProcedureDefinition>(json, Json)
        ?? throw new JsonException("A procedure definition cannot be null.");

    public Procedure ToProcedure(int version) => new(
        Code,
        version,
        Name,
        Field,
        Agency,
        Level,
        WorkingDays,
        SupplementPolicy,
        Steps.Select(s => new ProcedureStep(s.Id, s.Name, s.Role, s.Agency, s.WorkingDays, s.Outcomes ?? [])).ToList(),
        Fees,
        RequiredDocuments,
        ResultDeliveries);
}

public sealed record StepDefinition(
    string Id,
    string Name,
    Role Role,
    string? Agency,
    int WorkingDays,
    IReadOnlyList<StepOutcome>? Outcomes);

/// <param name="Parent">The unit above; absent for the top units.</param>
public sealed record Agency(string Id, string Name, AdministrativeLevel Level, string? Parent = null);
