using Dossier.Domain.Procedures;

namespace Dossier.Domain.Dossiers;

/// <summary>What a decision about a dossier needs to know, folded from its events.</summary>
public sealed record DossierState
{
    public static DossierState Initial { get; } = new();

    public DossierStatus Status { get; init; } = DossierStatus.None;

    /// <summary>Default (empty) until the dossier is filed.</summary>
    public DossierCode Code { get; init; }

    public ProcedureRef? Procedure { get; init; }

    public Channel Channel { get; init; }

    public Applicant? Applicant { get; init; }

    /// <summary>The citizen who filed online; null for a dossier filed at the desk.</summary>
    public string? OwnerId { get; init; }

    public DateTimeOffset? FiledAt { get; init; }

    /// <summary>Documents filed and supplemented so far.</summary>
    public int DocumentCount { get; init; }

    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>The current appointment (moved by an apology, extended by pauses).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>The legal deadline lateness is measured against (extended by pauses, never by an apology).</summary>
    public DateTimeOffset? OriginalDueAt { get; init; }

    /// <summary>Set while the legal clock stands still for a supplement or a payment.</summary>
    public DateTimeOffset? ClockPausedAt { get; init; }

    /// <summary>The status to return to when the awaited supplement or payment arrives.</summary>
    public DossierStatus? ResumeStatus { get; init; }

    public string? CurrentStepId { get; init; }

    /// <summary>
    /// When <see cref="CurrentStepId"/> became current: its first assignment, or the completion of the step before it.
    /// Reassigning the step and pausing for a supplement or a payment keep it.
    /// </summary>
    public DateTimeOffset? StepStartedAt { get; init; }

    public string? Assignee { get; init; }

    public long? AmountDue { get; init; }

    public long AmountPaid { get; init; }

    public bool ApologyIssued { get; init; }

    public DossierOutcome? Outcome { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public ResultDelivery? ResultDelivery { get; init; }

    public DateTimeOffset? ResultReturnedAt { get; init; }

    public Rating? Rating { get; init; }

    /// <summary>SLA reminders recorded so far, as <see cref="ReminderKey"/>s; null until the first.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? RemindersRecorded { get; init; }

    public static string ReminderKey(ReminderKind kind, DateTimeOffset dueAt) =>
        FormattableString.Invariant($"{kind}|{dueAt.UtcTicks}");

    public bool HasRecorded(ReminderKind kind, DateTimeOffset dueAt) =>
        RemindersRecorded?.Contains(ReminderKey(kind, dueAt)) == true;

    public bool Exists => Status != DossierStatus.None;

    public int NationalStatusCode => Status.NationalStatusCode();

    public bool IsOpen => Status.IsOpen();

    public bool IsTerminal => Status.IsTerminal();

    /// <summary>Received and still open: the states in which the legal clock runs or is paused.</summary>
    public bool IsUnderDeadline => ReceivedAt is not null && IsOpen;

    /// <summary>Resolved after the legal deadline, apology or not.</summary>
    public bool IsLate => ResolvedAt > OriginalDueAt;

    public static DossierState From(IEnumerable<IDossierEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Aggregate(Initial, Evolve);
    }

    public static DossierState Evolve(DossierState state, IDossierEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        return @event switch
        {
            DossierFiled e => state with
            {
                Status = DossierStatus.Submitted,
                Code = e.Code,
                Procedure = e.Procedure,
                Channel = e.Channel,
                Applicant = e.Applicant,
                OwnerId = e.OwnerId,
                FiledAt = e.At,
                DocumentCount = e.Documents.Count,
            },
            DossierReceived e => state with
            {
                Status = DossierStatus.Received,
                ReceivedAt = e.At,
                DueAt = e.DueAt,
                OriginalDueAt = e.DueAt,
            },
            DossierNotAccepted => state with { Status = DossierStatus.NotAccepted, ResumeStatus = null },
            SupplementRequested e => state with
            {
                Status = DossierStatus.AwaitingSupplement,
                ResumeStatus = state.Status,
                ClockPausedAt = e.ClockPaused ? e.At : null,
            },
            SupplementProvided e => state with
            {
                Status = e.ResumedStatus,
                ResumeStatus = null,
                ClockPausedAt = null,
                DocumentCount = state.DocumentCount + e.Documents.Count,
                DueAt = e.DueAt ?? state.DueAt,
                OriginalDueAt = e.OriginalDueAt ?? state.OriginalDueAt,
            },
            DossierAssigned e => state with
            {
                Status = DossierStatus.Processing,
                CurrentStepId = e.StepId,
                Assignee = e.Assignee,
                StepStartedAt = state.Status == DossierStatus.Processing && state.CurrentStepId == e.StepId
                    ? state.StepStartedAt ?? e.At
                    : e.At,
            },
            StepCompleted { NextStepId: null } => state,
            StepCompleted e => state with { CurrentStepId = e.NextStepId, Assignee = null, StepStartedAt = e.At },
            PaymentRequested e => state with
            {
                Status = DossierStatus.AwaitingPayment,
                ResumeStatus = state.Status,
                ClockPausedAt = e.At,
                AmountDue = e.AmountVnd,
            },
            PaymentMade e => state with
            {
                Status = e.ResumedStatus,
                ResumeStatus = null,
                ClockPausedAt = null,
                AmountDue = null,
                AmountPaid = state.AmountPaid + e.AmountVnd,
                DueAt = e.DueAt,
                OriginalDueAt = e.OriginalDueAt,
            },
            DossierApproved e => state with
            {
                Status = DossierStatus.Decided,
                Outcome = DossierOutcome.Approved,
                ResolvedAt = e.At,
            },
            DossierRefused e => state with
            {
                Status = DossierStatus.Decided,
                Outcome = DossierOutcome.Refused,
                ResolvedAt = e.At,
            },
            ApologyIssued e => state with { ApologyIssued = true, DueAt = e.NewDueAt },
            ResultReturned e => state with
            {
                Status = DossierStatus.ResultReturned,
                ResultDelivery = e.Method,
                ResultReturnedAt = e.At,
            },
            DossierWithdrawn => state with { Status = DossierStatus.Withdrawn, ResumeStatus = null },
            ProcessingStopped => state with { Status = DossierStatus.Stopped, ResumeStatus = null },
            DossierRated e => state with { Rating = e.Rating },
            ReminderRecorded e => state with
            {
                RemindersRecorded = [.. state.RemindersRecorded ?? [], ReminderKey(e.Kind, e.DueAt)],
            },
            null => throw new ArgumentNullException(nameof(@event)),
            _ => throw new ArgumentException($"{@event.GetType().Name} is not a known dossier event.", nameof(@event)),
        };
    }
}
