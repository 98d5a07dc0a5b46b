using Dossier.Domain.Access;

namespace Dossier.Domain.Procedures;

public enum ServiceLevel
{
    Level3 = 3,
    Level4 = 4,
}

public enum SupplementPolicy
{
    /// <summary>The clock pauses at the request and resumes at the complete supplement, keeping the days used.</summary>
    Pause,

    /// <summary>The full period starts again from the complete supplement.</summary>
    Restart,
}

public enum ResultDelivery
{
    InPerson,
    Online,
    Post,
}

/// <summary>A published version of an administrative procedure (thủ tục hành chính).</summary>
public sealed record Procedure(
    string Code,
    int Version,
    string Name,
    string Field,
    string Agency,
    ServiceLevel Level,
    int WorkingDays,
    SupplementPolicy SupplementPolicy,
    IReadOnlyList<ProcedureStep> Steps,
    IReadOnlyList<Fee> Fees,
    IReadOnlyList<RequiredDocument> RequiredDocuments,
    IReadOnlyList<ResultDelivery> ResultDeliveries)
{
    public ProcedureStep Step(string stepId) =>
        Steps.FirstOrDefault(s => s.Id == stepId)
        ?? throw new ArgumentException($"Procedure {Code} v{Version} has no step '{stepId}'.", nameof(stepId));

    public int IndexOf(string stepId) => Steps.ToList().FindIndex(s => s.Id == stepId);
}

/// <summary>
/// A processing step after reception. <see cref="Agency"/> is null when the procedure's own agency acts,
/// another unit's identifier for a liên thông step. <see cref="Outcomes"/> empty means the step simply
/// moves on to the next one.
/// </summary>
public sealed record ProcedureStep(
    string Id,
    string Name,
    Role Role,
    string? Agency,
    int WorkingDays,
    IReadOnlyList<StepOutcome> Outcomes);

/// <summary>
/// A possible result of completing a step: <see cref="GoTo"/> is another step's id, or
/// <see cref="Supplement"/> to ask the applicant for a supplement.
/// </summary>
public sealed record StepOutcome(string Name, string GoTo)
{
    public const string Supplement = "supplement";
}

public sealed record Fee(string Name, long AmountVnd);

public sealed record RequiredDocument(string Name, int Copies, bool Original);
