using System.Text.Json.Serialization;
using Dossier.Domain.Access;
using Dossier.Domain.Procedures;

namespace Dossier.Domain.Dossiers;

/// <summary>
/// Something that happened to a dossier: who (<see cref="By"/>), when (<see cref="At"/>) and every value a
/// reader needs, so that folding events never recomputes a deadline or looks up a procedure.
/// </summary>
public interface IDossierEvent
{
    DossierCode Code { get; }

    Actor By { get; }

    DateTimeOffset At { get; }
}

/// <summary>Submitted online (status 1), or the first half of a direct filing at the desk.</summary>
public sealed record DossierFiled(
    DossierCode Code,
    ProcedureRef Procedure,
    Channel Channel,
    Applicant Applicant,
    string? OwnerId,
    string? Summary,
    IReadOnlyList<SubmittedDocument> Documents,
    IReadOnlyDictionary<string, string>? FormData,
    Actor By,
    DateTimeOffset At) : IDossierEvent;

/// <summary>The receipt and appointment slip was issued: the legal clock starts.</summary>
public sealed record DossierReceived(
    DossierCode Code,
    DateTimeOffset DueAt,
    int WorkingDays,
    int DocumentCount,
    Actor By,
    DateTimeOffset At) : IDossierEvent
{
    [JsonIgnore]
    public DateTimeOffset ReceivedAt => At;

    [JsonIgnore]
    public Actor ReceivedBy => By;
}

public sealed record DossierNotAccepted(DossierCode Code, string Reason, Actor By, DateTimeOffset At) : IDossierEvent;

/// <param name="ClockPaused">False before receipt, when no clock runs yet.</param>
/// <param name="StepId">The step in progress when the supplement was asked for, if any.</param>
public sealed record SupplementRequested(
    DossierCode Code,
    string Reason,
    IReadOnlyList<string> Items,
    bool ClockPaused,
    string? StepId,
    Actor By,
    DateTimeOffset At) : IDossierEvent;

/// <param name="ResumedStatus">The status the dossier returns to.</param>
/// <param name="DueAt">The appointment after the pause extension or restart; null when no clock runs yet.</param>
/// <param name="OriginalDueAt">The legal deadline after the pause extension or restart; null when no clock runs yet.</param>
public sealed record SupplementProvided(
    DossierCode Code,
    IReadOnlyList<SubmittedDocument> Documents,
    DossierStatus ResumedStatus,
    DateTimeOffset? DueAt,
    DateTimeOffset? OriginalDueAt,
    Actor By,
    DateTimeOffset At) : IDossierEvent;

/// <summary>The step becomes current (processing starts with the first assignment) with this assignee.</summary>
public sealed record DossierAssigned(
    DossierCode Code,
    string StepId,
    string Assignee,
    Actor By,
    DateTimeOffset At) : IDossierEvent;

/// <param name="NextStepId">The step that becomes current, unassigned; null when the step stays current
/// because its outcome asked for a supplement.</param>
public sealed record StepCompleted(
    DossierCode Code,
    string StepId,
    string? Outcome,
    string? Opinion,
    string? NextStepId,
    Actor By,
    DateTimeOffset At) : IDossierEvent;

/// <summary>The clock pauses until payment.</summary>
public sealed record PaymentRequested(DossierCode Code, long AmountVnd, Actor By, DateTimeOffset At) : IDossierEvent;

/// <param name="DueAt">The appointment extended by the pause.</param>
/// <param name="OriginalDueAt">The legal deadline extended by the pause.</param>
public sealed record PaymentMade(
    DossierCode Code,
    long AmountVnd,
    string Reference,
    DossierStatus ResumedStatus,
    DateTimeOffset DueAt,
    DateTimeOffset OriginalDueAt,
    Actor By,
    DateTimeOffset At) : IDossierEvent;

/// <summary>Resolved with a positive result (status 9).</summary>
public sealed record DossierApproved(
    DossierCode Code,
    IReadOnlyList<SubmittedDocument> ResultDocuments,
    Actor By,
    DateTimeOffset At) : IDossierEvent;

/// <summary>Resolved with a negative result and its reasons (status 9) — a decision, not a stop.</summary>
public sealed record DossierRefused(DossierCode Code, string Reason, Actor By, DateTimeOffset At) : IDossierEvent;

/// <summary>The appointment moves (at most once); the legal deadline for lateness does not.</summary>
/// <param name="Late">Issued after close of business of the working day before the appointment, later than
/// the rule asks; recorded, not refused.</param>
public sealed record ApologyIssued(
    DossierCode Code,
    string Reason,
    DateTimeOffset NewDueAt,
    DateTimeOffset PreviousDueAt,
    bool Late,
    Actor By,
    DateTimeOffset At) : IDossierEvent;

public sealed record ResultReturned(DossierCode Code, ResultDelivery Method, Actor By, DateTimeOffset At) : IDossierEvent;

public sealed record DossierWithdrawn(DossierCode Code, string? Reason, Actor By, DateTimeOffset At) : IDossierEvent;

public sealed record ProcessingStopped(DossierCode Code, string Reason, Actor By, DateTimeOffset At) : IDossierEvent;

public sealed record DossierRated(
    DossierCode Code,
    Rating Rating,
    string? Comment,
    IReadOnlyDictionary<RatingCriterion, Rating>? Criteria,
    Actor By,
    DateTimeOffset At) : IDossierEvent;

/// <summary>What an SLA reminder is about.</summary>
public enum ReminderKind
{
    /// <summary>One working day remains before the appointment.</summary>
    DeadlineApproaching,

    /// <summary>The appointment has passed.</summary>
    Overdue,

    /// <summary>The current step's working-day allowance has run out (for the assignee).</summary>
    StepDue,

    /// <summary>Overdue by the configured number of working days: the unit's leader is told.</summary>
    Escalation,
}

/// <summary>An SLA reminder fired for the dossier; changes no status. At most once per kind and due time.</summary>
/// <param name="DueAt">The due time the reminder is about (the appointment, or the step's due time).</param>
/// <param name="StepId">The step a <see cref="ReminderKind.StepDue"/> reminder is about; null otherwise.</param>
public sealed record ReminderRecorded(
    DossierCode Code,
    ReminderKind Kind,
    DateTimeOffset DueAt,
    string? StepId,
    Actor By,
    DateTimeOffset At) : IDossierEvent;
