using System.Diagnostics.CodeAnalysis;
using Dossier.Domain.Calendar;
using Dossier.Domain.Procedures;

namespace Dossier.Domain.Dossiers;

/// <summary>What a decision may consult besides the dossier's state.</summary>
/// <param name="Procedure">The procedure version the dossier runs under (for filing: the version to file under).</param>
public sealed record DecisionContext(Procedure Procedure, IWorkingCalendar Calendar);

/// <summary>Why a command was refused: a stable machine <see cref="Code"/> (see <see cref="DossierErrorCodes"/>) and a message for people.</summary>
public sealed record DossierError(string Code, string Message);

/// <summary>The outcome of <see cref="DossierDecider.Decide"/>: events to append, or an error and nothing to append.</summary>
public sealed class Decision
{
    private Decision(IReadOnlyList<IDossierEvent> events, DossierError? error)
    {
        Events = events;
        Error = error;
    }

    public IReadOnlyList<IDossierEvent> Events { get; }

    public DossierError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsAccepted => Error is null;

    [MemberNotNullWhen(true, nameof(Error))]
    public bool IsRejected => Error is not null;

    public static Decision Accept(params IDossierEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return new Decision(events, null);
    }

    public static Decision Reject(DossierError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Decision([], error);
    }

    public static implicit operator Decision(DossierError error) => Reject(error);

    public override string ToString() =>
        Error is null ? string.Join(", ", Events.Select(e => e.GetType().Name)) : $"{Error.Code}: {Error.Message}";
}

public static class DossierErrorCodes
{
    /// <summary>The stream is empty: there is no dossier to act on.</summary>
    public const string NotFound = "dossier-not-found";

    /// <summary>Filing on a stream that already holds a dossier.</summary>
    public const string AlreadyFiled = "already-filed";

    /// <summary>The action is not possible in the dossier's current status.</summary>
    public const string NotPermittedInState = "not-permitted-in-state";

    /// <summary>A citizen acting on a dossier that is not theirs.</summary>
    public const string NotOwner = "not-owner";

    /// <summary>Someone other than the current step's assignee completing or deciding it.</summary>
    public const string NotAssignee = "not-assignee";

    /// <summary>Approve or refuse before processing reached the procedure's last (decision) step.</summary>
    public const string NotAtDecisionStep = "not-at-decision-step";

    /// <summary>Complete-step on the last step, which is finished by approve or refuse.</summary>
    public const string DecisionRequired = "decision-required";

    public const string UnknownStep = "unknown-step";

    /// <summary>Assigning, during processing, a step other than the current one.</summary>
    public const string NotCurrentStep = "not-current-step";

    public const string UnknownOutcome = "unknown-outcome";

    /// <summary>Online payment requested for a level-3 procedure, whose fees are paid at the desk.</summary>
    public const string PaymentNotOffered = "payment-not-offered";

    public const string AmountInvalid = "amount-invalid";

    public const string AmountMismatch = "amount-mismatch";

    public const string ReferenceRequired = "reference-required";

    public const string ReasonRequired = "reason-required";

    public const string AssigneeRequired = "assignee-required";

    public const string DocumentsRequired = "documents-required";

    public const string ApplicantRequired = "applicant-required";

    /// <summary>A direct filing whose channel is not in person or post.</summary>
    public const string InvalidChannel = "invalid-channel";

    public const string ApologyAlreadyIssued = "apology-already-issued";

    public const string NewDueNotLater = "new-due-not-later";

    public const string NewDueInPast = "new-due-in-past";

    /// <summary>A result delivery method the procedure (or its level) does not offer.</summary>
    public const string DeliveryNotOffered = "delivery-not-offered";

    public const string AlreadyRated = "already-rated";

    /// <summary>The SLA reminder was already recorded for this kind and due time.</summary>
    public const string ReminderAlreadyRecorded = "reminder-already-recorded";

    /// <summary>The SLA reminder no longer applies: no running clock, or its due time moved.</summary>
    public const string ReminderNotDue = "reminder-not-due";
}
