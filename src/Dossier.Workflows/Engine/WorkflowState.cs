using Dossier.Domain.Dossiers;

namespace Dossier.Workflows.Engine;

/// <summary>
/// A state of a procedure's workflow: the dossier's status, and for a dossier being processed, its current step.
/// <see cref="Name"/> is what the diagram shows: the status in camelCase (<c>received</c>, <c>awaitingPayment</c>)
/// or <c>step_</c> and the step id with <c>_</c> for <c>-</c> (<c>step_site_inspection</c>).
/// </summary>
public sealed record WorkflowState
{
    private WorkflowState(DossierStatus status, string? stepId)
    {
        Status = status;
        StepId = stepId;
        Name = stepId is null ? Camel(status.ToString()) : "step_" + stepId.Replace('-', '_');
    }

    public static WorkflowState Submitted { get; } = new(DossierStatus.Submitted, null);

    public static WorkflowState Received { get; } = new(DossierStatus.Received, null);

    public static WorkflowState NotAccepted { get; } = new(DossierStatus.NotAccepted, null);

    public static WorkflowState AwaitingSupplement { get; } = new(DossierStatus.AwaitingSupplement, null);

    public static WorkflowState AwaitingPayment { get; } = new(DossierStatus.AwaitingPayment, null);

    public static WorkflowState Withdrawn { get; } = new(DossierStatus.Withdrawn, null);

    public static WorkflowState Stopped { get; } = new(DossierStatus.Stopped, null);

    public static WorkflowState Decided { get; } = new(DossierStatus.Decided, null);

    public static WorkflowState ResultReturned { get; } = new(DossierStatus.ResultReturned, null);

    /// <summary>The dossier's status; <see cref="DossierStatus.Processing"/> for a step.</summary>
    public DossierStatus Status { get; }

    /// <summary>The step's id while processing, null otherwise.</summary>
    public string? StepId { get; }

    public string Name { get; }

    public static WorkflowState Step(string stepId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepId);
        return new(DossierStatus.Processing, stepId);
    }

    /// <summary>The state a status stands for on its own; <see cref="DossierStatus.Processing"/> needs a step.</summary>
    public static WorkflowState Of(DossierStatus status) => status switch
    {
        DossierStatus.Submitted => Submitted,
        DossierStatus.Received => Received,
        DossierStatus.NotAccepted => NotAccepted,
        DossierStatus.AwaitingSupplement => AwaitingSupplement,
        DossierStatus.AwaitingPayment => AwaitingPayment,
        DossierStatus.Withdrawn => Withdrawn,
        DossierStatus.Stopped => Stopped,
        DossierStatus.Decided => Decided,
        DossierStatus.ResultReturned => ResultReturned,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Processing is a state per step; None is no dossier."),
    };

    public override string ToString() => Name;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>
/// What moves a workflow: an action of the API, and for <see cref="DossierAction.CompleteStep"/> on a step with
/// outcomes, the outcome chosen — each outcome is its own trigger, so the diagram shows it as its own edge.
/// </summary>
public sealed record WorkflowTrigger(DossierAction Action, string? Outcome = null)
{
    public override string ToString() => Outcome is null ? Action.Name() : $"{Action.Name()} ({Outcome})";
}

public enum TransitionKind
{
    /// <summary>Leaves the state for another.</summary>
    Move,

    /// <summary>Leaves the state and enters it again (reassigning the current step).</summary>
    Reentry,

    /// <summary>Stays in the state (an apology, a rating).</summary>
    Internal,
}

/// <summary>One edge of the compiled machine, with its guards' descriptions, as the diagram shows it.</summary>
public sealed record WorkflowTransition(
    WorkflowState From,
    WorkflowTrigger Trigger,
    WorkflowState To,
    TransitionKind Kind,
    IReadOnlyList<string> Guards);
