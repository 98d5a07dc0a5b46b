using Dossier.Domain.Access;
using Dossier.Domain.Procedures;

namespace Dossier.Workflows.Engine;

/// <summary>
/// The step a dossier is at, or — for a received dossier not yet assigned — the step it starts with.
/// </summary>
/// <param name="Agency">The unit that acts: the step's own for a liên thông step, the procedure's otherwise.</param>
/// <param name="StartedAt">When the step became current; null while it waits for its first assignment.</param>
/// <param name="DueAt">The step's internal target: <see cref="ProcedureStep.WorkingDays"/> after <paramref name="StartedAt"/>.</param>
/// <param name="IsDecision">The last step, finished by approve or refuse instead of complete-step.</param>
/// <param name="Outcomes">The outcomes complete-step must name; empty when finishing moves on to the next step.</param>
public sealed record CurrentStep(
    string Id,
    string Name,
    Role Role,
    string Agency,
    string? Assignee,
    DateTimeOffset? StartedAt,
    DateTimeOffset? DueAt,
    int WorkingDays,
    bool IsDecision,
    IReadOnlyList<StepOutcome> Outcomes);
