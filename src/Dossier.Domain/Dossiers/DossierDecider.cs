using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Procedures;
using static Dossier.Domain.Dossiers.DossierStatus;

namespace Dossier.Domain.Dossiers;

/// <summary>
/// The dossier's rules as a pure decider: <see cref="Decide"/> turns a command into events or an error,
/// <see cref="Evolve"/> folds events into state. Who may take an action at all (roles) is checked by the caller;
/// what depends on the dossier — its status, its owner, the current step's assignee — is checked here.
/// </summary>
public static class DossierDecider
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static DossierState Evolve(DossierState state, IDossierEvent @event) => DossierState.Evolve(state, @event);

    public static Decision Decide(DossierState state, IDossierCommand command, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);

        switch (command)
        {
            case FileOnline c:
                return Handle(state, c, context.Procedure);
            case FileDirect c:
                return Handle(state, c, context);
            case RecordReminder c:
                return Handle(state, c);
        }

        var action = DossierActionExtensions.ActionOf(command)
            ?? throw new ArgumentException($"{command.GetType().Name} is not a dossier command.", nameof(command));
        if (!state.Exists)
        {
            return Error(DossierErrorCodes.NotFound, $"There is no dossier to {action.Name()}.");
        }

        if (!state.Procedure!.Is(context.Procedure))
        {
            throw new ArgumentException(
                $"Dossier {state.Code} runs under procedure {state.Procedure.Code} v{state.Procedure.Version}, "
                + $"not {context.Procedure.Code} v{context.Procedure.Version}.",
                nameof(context));
        }

        if (Check(action, state, context.Procedure, command.By) is { } refusal)
        {
            return refusal;
        }

        return command switch
        {
            Receive c => Handle(state, c, context.Calendar),
            NotAccept c => Handle(state, c),
            RequestSupplement c => Handle(state, c),
            ProvideSupplement c => Handle(state, c, context.Calendar),
            Assign c => Handle(state, c, context.Procedure),
            CompleteStep c => Handle(state, c, context.Procedure),
            RequestPayment c => Handle(state, c),
            Pay c => Handle(state, c, context.Calendar),
            Approve c => Decision.Accept(new DossierApproved(state.Code, c.ResultDocuments ?? [], c.By, c.Now)),
            Refuse c => Handle(state, c),
            IssueApology c => Handle(state, c, context.Calendar),
            ReturnResult c => Handle(state, c, context.Procedure),
            Withdraw c => Decision.Accept(new DossierWithdrawn(state.Code, Blank(c.Reason) ? null : c.Reason, c.By, c.Now)),
            Stop c => Handle(state, c),
            Rate c => Decision.Accept(new DossierRated(state.Code, c.Rating, c.Comment, c.Criteria, c.By, c.Now)),
            _ => throw new ArgumentException($"{command.GetType().Name} is not a dossier command.", nameof(command)),
        };
    }

    /// <summary>
    /// The actions the dossier's state allows <paramref name="actor"/> now, before looking at the command's
    /// values and before any role check: e.g. complete-step only for the current step's assignee.
    /// </summary>
    public static IReadOnlyList<DossierAction> PermittedActions(DossierState state, Procedure procedure, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(actor);
        return state.Exists
            ? Enum.GetValues<DossierAction>().Where(a => Check(a, state, procedure, actor) is null).ToList()
            : [];
    }

    private static DossierError? Check(DossierAction action, DossierState s, Procedure p, Actor by) => action switch
    {
        DossierAction.Receive => InStatus(s, action, Submitted),
        DossierAction.NotAccept => s.ReceivedAt is null && s.Status is Submitted or AwaitingSupplement
            ? null
            : NotPermitted(s, action, "before receipt"),
        DossierAction.RequestSupplement => InStatus(s, action, Submitted, Received, Processing),
        DossierAction.ProvideSupplement => InStatus(s, action, AwaitingSupplement) ?? ActingForApplicant(s, action, by, true),
        DossierAction.Assign => InStatus(s, action, Received, Processing),
        DossierAction.CompleteStep => InStatus(s, action, Processing)
            ?? (IsAtDecisionStep(s, p)
                ? Error(
                    DossierErrorCodes.DecisionRequired,
                    $"Step '{s.CurrentStepId}' of dossier {s.Code} is the decision step: it is finished by approve or refuse.")
                : null)
            ?? AssigneeOnly(s, action, by, unassignedMayAct: false),
        DossierAction.RequestPayment => s.Procedure!.Level != ServiceLevel.Level4
            ? Error(
                DossierErrorCodes.PaymentNotOffered,
                $"Procedure {s.Procedure.Code} is offered at level 3: fees are paid at the desk, not online.")
            : InStatus(s, action, Received, Processing),
        DossierAction.Pay => InStatus(s, action, AwaitingPayment) ?? ActingForApplicant(s, action, by, true),
        DossierAction.Approve or DossierAction.Refuse => InStatus(s, action, Processing)
            ?? (IsAtDecisionStep(s, p)
                ? null
                : Error(
                    DossierErrorCodes.NotAtDecisionStep,
                    $"Dossier {s.Code} is at step '{s.CurrentStepId}'; only the last step '{LastStepId(p)}' ends in a decision."))
            ?? AssigneeOnly(s, action, by, unassignedMayAct: true),
        DossierAction.IssueApology => (s.IsUnderDeadline ? null : NotPermitted(s, action, "after receipt and before the decision"))
            ?? (s.ApologyIssued
                ? Error(
                    DossierErrorCodes.ApologyAlreadyIssued,
                    $"An apology was already issued for dossier {s.Code}; the appointment may be moved only once.")
                : null),
        DossierAction.ReturnResult => InStatus(s, action, Decided),
        DossierAction.Withdraw => (s.IsOpen ? null : NotPermitted(s, action, "while the dossier is open"))
            ?? ActingForApplicant(s, action, by, true),
        DossierAction.Stop => s.IsUnderDeadline ? null : NotPermitted(s, action, "after receipt and before the decision"),
        DossierAction.Rate => InStatus(s, action, Decided, DossierStatus.ResultReturned)
            ?? ActingForApplicant(s, action, by, false)
            ?? (s.Rating is { } rating
                ? Error(DossierErrorCodes.AlreadyRated, $"Dossier {s.Code} was already rated ({rating}).")
                : null),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static Decision Handle(DossierState s, FileOnline c, Procedure p)
    {
        if (s.Exists)
        {
            return Error(DossierErrorCodes.AlreadyFiled, $"Dossier {s.Code} already exists.");
        }

        if (MissingApplicant(c.Applicant) is { } missing)
        {
            return missing;
        }

        return Decision.Accept(
            new DossierFiled(
                c.Code, ProcedureRef.From(p), Channel.Online, c.Applicant, c.By.PersonId, c.Summary, c.Documents ?? [],
                c.FormData, c.By, c.Now));
    }

    private static Decision Handle(DossierState s, FileDirect c, DecisionContext context)
    {
        if (s.Exists)
        {
            return Error(DossierErrorCodes.AlreadyFiled, $"Dossier {s.Code} already exists.");
        }

        if (c.Channel is not (Channel.InPerson or Channel.Post))
        {
            return Error(DossierErrorCodes.InvalidChannel, $"A dossier filed at the desk comes in person or by post, not {c.Channel}.");
        }

        if (MissingApplicant(c.Applicant) is { } missing)
        {
            return missing;
        }

        var p = context.Procedure;
        var documents = c.Documents ?? [];
        return Decision.Accept(
            new DossierFiled(c.Code, ProcedureRef.From(p), c.Channel, c.Applicant, null, c.Summary, documents, c.FormData, c.By, c.Now),
            new DossierReceived(c.Code, context.Calendar.DueAt(c.Now, p.WorkingDays), p.WorkingDays, documents.Count, c.By, c.Now));
    }

    private static Decision Handle(DossierState s, Receive c, IWorkingCalendar calendar)
    {
        var workingDays = s.Procedure!.WorkingDays;
        return Decision.Accept(
            new DossierReceived(s.Code, calendar.DueAt(c.Now, workingDays), workingDays, s.DocumentCount, c.By, c.Now));
    }

    private static Decision Handle(DossierState s, NotAccept c) =>
        Blank(c.Reason)
            ? ReasonRequired(s, DossierAction.NotAccept)
            : Decision.Accept(new DossierNotAccepted(s.Code, c.Reason, c.By, c.Now));

    private static Decision Handle(DossierState s, RequestSupplement c) =>
        Blank(c.Reason)
            ? ReasonRequired(s, DossierAction.RequestSupplement)
            : Decision.Accept(
                new SupplementRequested(
                    s.Code, c.Reason, c.Items ?? [], s.ReceivedAt is not null,
                    s.Status == Processing ? s.CurrentStepId : null, c.By, c.Now));

    private static Decision Handle(DossierState s, ProvideSupplement c, IWorkingCalendar calendar)
    {
        if (c.Documents is not { Count: > 0 })
        {
            return Error(DossierErrorCodes.DocumentsRequired, $"A supplement to dossier {s.Code} needs at least one document.");
        }

        DateTimeOffset? dueAt = null;
        DateTimeOffset? originalDueAt = null;
        if (s.ClockPausedAt is { } pausedAt)
        {
            if (s.Procedure!.SupplementPolicy == SupplementPolicy.Restart)
            {
                dueAt = originalDueAt = calendar.DueAt(c.Now, s.Procedure.WorkingDays);
            }
            else
            {
                dueAt = calendar.ExtendForPause(s.DueAt!.Value, pausedAt, c.Now);
                originalDueAt = calendar.ExtendForPause(s.OriginalDueAt!.Value, pausedAt, c.Now);
            }
        }

        var resumed = s.ResumeStatus ?? (s.ReceivedAt is null ? Submitted : Received);
        return Decision.Accept(new SupplementProvided(s.Code, c.Documents, resumed, dueAt, originalDueAt, c.By, c.Now));
    }

    private static Decision Handle(DossierState s, Assign c, Procedure p)
    {
        if (Blank(c.Assignee))
        {
            return Error(DossierErrorCodes.AssigneeRequired, $"Assigning dossier {s.Code} needs an assignee.");
        }

        var stepId = Blank(c.StepId) ? null : c.StepId;
        if (stepId is not null && p.IndexOf(stepId) < 0)
        {
            return Error(
                DossierErrorCodes.UnknownStep,
                $"Procedure {p.Code} v{p.Version} has no step '{stepId}'; its steps are {string.Join(", ", p.Steps.Select(st => st.Id))}.");
        }

        if (s.Status == Received)
        {
            if (p.Steps.Count == 0)
            {
                return Error(DossierErrorCodes.UnknownStep, $"Procedure {p.Code} v{p.Version} declares no steps.");
            }

            var first = p.Steps[0].Id;
            return stepId is null || stepId == first
                ? Decision.Accept(new DossierAssigned(s.Code, first, c.Assignee, c.By, c.Now))
                : Error(
                    DossierErrorCodes.NotCurrentStep,
                    $"Processing of dossier {s.Code} starts at the first step '{first}', not '{stepId}'.");
        }

        if (stepId is not null && stepId != s.CurrentStepId)
        {
            return Error(
                DossierErrorCodes.NotCurrentStep,
                $"Dossier {s.Code} is at step '{s.CurrentStepId}'; only the current step can be assigned, not '{stepId}'.");
        }

        return Decision.Accept(new DossierAssigned(s.Code, s.CurrentStepId!, c.Assignee, c.By, c.Now));
    }

    private static Decision Handle(DossierState s, CompleteStep c, Procedure p)
    {
        var step = p.Step(s.CurrentStepId!);
        var outcomeName = Blank(c.Outcome) ? null : c.Outcome;
        if (step.Outcomes.Count == 0)
        {
            return outcomeName is null
                ? Decision.Accept(
                    new StepCompleted(s.Code, step.Id, null, c.Opinion, p.Steps[p.IndexOf(step.Id) + 1].Id, c.By, c.Now))
                : Error(DossierErrorCodes.UnknownOutcome, $"Step '{step.Id}' declares no outcomes; '{outcomeName}' is not one.");
        }

        var outcome = step.Outcomes.FirstOrDefault(o => string.Equals(o.Name, outcomeName, StringComparison.OrdinalIgnoreCase));
        if (outcome is null)
        {
            return Error(
                DossierErrorCodes.UnknownOutcome,
                $"Step '{step.Id}' ends with one of: {string.Join(", ", step.Outcomes.Select(o => o.Name))}"
                + (outcomeName is null ? "; none was given." : $"; '{outcomeName}' is not one."));
        }

        if (outcome.GoTo == StepOutcome.Supplement)
        {
            if (Blank(c.Opinion))
            {
                return Error(
                    DossierErrorCodes.ReasonRequired,
                    $"Outcome '{outcome.Name}' asks the applicant for a supplement: the opinion must say what to supply.");
            }

            return Decision.Accept(
                new StepCompleted(s.Code, step.Id, outcome.Name, c.Opinion, null, c.By, c.Now),
                new SupplementRequested(s.Code, c.Opinion!, [], true, step.Id, c.By, c.Now));
        }

        if (p.IndexOf(outcome.GoTo) < 0)
        {
            return Error(
                DossierErrorCodes.UnknownStep,
                $"Outcome '{outcome.Name}' of step '{step.Id}' leads to '{outcome.GoTo}', which procedure {p.Code} v{p.Version} does not have.");
        }

        return Decision.Accept(new StepCompleted(s.Code, step.Id, outcome.Name, c.Opinion, outcome.GoTo, c.By, c.Now));
    }

    private static Decision Handle(DossierState s, RequestPayment c) =>
        c.AmountVnd <= 0
            ? Error(DossierErrorCodes.AmountInvalid, $"A payment request needs a positive amount, not {c.AmountVnd} VND.")
            : Decision.Accept(new PaymentRequested(s.Code, c.AmountVnd, c.By, c.Now));

    private static Decision Handle(DossierState s, Pay c, IWorkingCalendar calendar)
    {
        if (c.AmountVnd != s.AmountDue)
        {
            return Error(
                DossierErrorCodes.AmountMismatch,
                $"Dossier {s.Code} awaits a payment of {s.AmountDue} VND, not {c.AmountVnd} VND.");
        }

        if (Blank(c.Reference))
        {
            return Error(DossierErrorCodes.ReferenceRequired, "A payment needs the payment reference.");
        }

        var pausedAt = s.ClockPausedAt!.Value;
        return Decision.Accept(
            new PaymentMade(
                s.Code, c.AmountVnd, c.Reference, s.ResumeStatus ?? Received,
                calendar.ExtendForPause(s.DueAt!.Value, pausedAt, c.Now),
                calendar.ExtendForPause(s.OriginalDueAt!.Value, pausedAt, c.Now),
                c.By, c.Now));
    }

    private static Decision Handle(DossierState s, Refuse c) =>
        Blank(c.Reason)
            ? ReasonRequired(s, DossierAction.Refuse)
            : Decision.Accept(new DossierRefused(s.Code, c.Reason, c.By, c.Now));

    private static Decision Handle(DossierState s, IssueApology c, IWorkingCalendar calendar)
    {
        if (Blank(c.Reason))
        {
            return ReasonRequired(s, DossierAction.IssueApology);
        }

        var dueAt = s.DueAt!.Value;
        if (c.NewDueAt <= dueAt)
        {
            return Error(
                DossierErrorCodes.NewDueNotLater,
                $"The new appointment {c.NewDueAt:O} must be later than the current one, {dueAt:O}.");
        }

        if (c.NewDueAt <= c.Now)
        {
            return Error(DossierErrorCodes.NewDueInPast, $"The new appointment {c.NewDueAt:O} has already passed.");
        }

        // While the clock stands still the deadline keeps moving; measure against where it stands now.
        var effectiveDue = s.ClockPausedAt is { } pausedAt ? calendar.ExtendForPause(dueAt, pausedAt, c.Now) : dueAt;
        var late = c.Now > ApologyDeadline(effectiveDue, calendar);
        return Decision.Accept(new ApologyIssued(s.Code, c.Reason, c.NewDueAt, dueAt, late, c.By, c.Now));
    }

    private static Decision Handle(DossierState s, ReturnResult c, Procedure p)
    {
        if (!p.ResultDeliveries.Contains(c.Method) || (c.Method == ResultDelivery.Online && p.Level != ServiceLevel.Level4))
        {
            var offered = p.ResultDeliveries.Where(m => m != ResultDelivery.Online || p.Level == ServiceLevel.Level4);
            return Error(
                DossierErrorCodes.DeliveryNotOffered,
                $"Procedure {p.Code} returns results {string.Join(", ", offered)}; not {c.Method}.");
        }

        return Decision.Accept(new ResultReturned(s.Code, c.Method, c.By, c.Now));
    }

    private static Decision Handle(DossierState s, RecordReminder c)
    {
        if (!s.Exists)
        {
            return Error(DossierErrorCodes.NotFound, "There is no dossier to remind about.");
        }

        if (!s.IsUnderDeadline || s.ClockPausedAt is not null)
        {
            return Error(DossierErrorCodes.ReminderNotDue, $"No clock runs for a dossier {Describe(s.Status)}.");
        }

        if (s.HasRecorded(c.Kind, c.DueAt))
        {
            return Error(DossierErrorCodes.ReminderAlreadyRecorded, $"The {c.Kind} reminder for {c.DueAt:O} was already recorded.");
        }

        var current = c.Kind == ReminderKind.StepDue
            ? s.CurrentStepId is not null && s.CurrentStepId == c.StepId
            : s.DueAt == c.DueAt;
        return current
            ? Decision.Accept(new ReminderRecorded(s.Code, c.Kind, c.DueAt, c.Kind == ReminderKind.StepDue ? c.StepId : null, c.By, c.Now))
            : Error(DossierErrorCodes.ReminderNotDue, $"The {c.Kind} reminder for {c.DueAt:O} is stale: the due time has moved.");
    }

    private static Decision Handle(DossierState s, Stop c) =>
        Blank(c.Reason)
            ? ReasonRequired(s, DossierAction.Stop)
            : Decision.Accept(new ProcessingStopped(s.Code, c.Reason, c.By, c.Now));

    /// <summary>Close of business of the working day before the due day: the last moment for a timely apology.</summary>
    private static DateTimeOffset ApologyDeadline(DateTimeOffset dueAt, IWorkingCalendar calendar)
    {
        var local = dueAt.ToOffset(VietnamOffset);
        var day = DateOnly.FromDateTime(local.DateTime).AddDays(-1);
        for (var i = 0; i < 60 && !calendar.IsWorkingDay(day); i++)
        {
            day = day.AddDays(-1);
        }

        return new DateTimeOffset(day.ToDateTime(TimeOnly.FromTimeSpan(local.TimeOfDay)), VietnamOffset);
    }

    private static bool IsAtDecisionStep(DossierState s, Procedure p) =>
        p.Steps.Count > 0 && s.CurrentStepId == p.Steps[^1].Id;

    private static string? LastStepId(Procedure p) => p.Steps.Count > 0 ? p.Steps[^1].Id : null;

    private static DossierError? AssigneeOnly(DossierState s, DossierAction action, Actor by, bool unassignedMayAct)
    {
        if (s.Assignee == by.PersonId || (s.Assignee is null && unassignedMayAct))
        {
            return null;
        }

        return Error(
            DossierErrorCodes.NotAssignee,
            s.Assignee is null
                ? $"Step '{s.CurrentStepId}' of dossier {s.Code} has no assignee yet; assign it before you {action.Name()}."
                : $"Step '{s.CurrentStepId}' of dossier {s.Code} is assigned to {s.Assignee}; only they may {action.Name()}.");
    }

    /// <summary>
    /// A citizen acts for the applicant when they filed the dossier online, or — for a dossier filed at the desk,
    /// which has no owner — when their person id is the applicant's ID number (the national identity login).
    /// Staff pass this check where they may act for the applicant at the desk (supplement, payment, withdrawal);
    /// whether their role may do so at all is the caller's concern.
    /// </summary>
    private static DossierError? ActingForApplicant(DossierState s, DossierAction action, Actor by, bool staffMayAct)
    {
        if (staffMayAct && by.Role != Role.Citizen)
        {
            return null;
        }

        var isApplicant = s.OwnerId is not null ? by.PersonId == s.OwnerId : by.PersonId == s.Applicant?.IdNumber;
        return isApplicant
            ? null
            : Error(DossierErrorCodes.NotOwner, $"Only the applicant of dossier {s.Code} may {action.Name()} it.");
    }

    private static DossierError? InStatus(DossierState s, DossierAction action, params DossierStatus[] allowed) =>
        allowed.Contains(s.Status)
            ? null
            : NotPermitted(s, action, "when " + string.Join(" or ", allowed.Select(Describe)));

    private static DossierError NotPermitted(DossierState s, DossierAction action, string when) =>
        Error(
            DossierErrorCodes.NotPermittedInState,
            $"Cannot {action.Name()} dossier {s.Code}: it is {Describe(s.Status)}"
            + (s.Status is AwaitingSupplement && s.ReceivedAt is not null ? ", after receipt" : string.Empty)
            + $"; {action.Name()} is permitted only {when}.");

    private static DossierError? MissingApplicant(Applicant? applicant) =>
        applicant is null || Blank(applicant.Name) || Blank(applicant.IdNumber)
            ? Error(DossierErrorCodes.ApplicantRequired, "A dossier needs the applicant's name and ID number.")
            : null;

    private static DossierError ReasonRequired(DossierState s, DossierAction action) =>
        Error(DossierErrorCodes.ReasonRequired, $"To {action.Name()} dossier {s.Code} a reason is required.");

    private static string Describe(DossierStatus status) => $"{status} ({status.NationalStatusCode()})";

    private static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);

    private static DossierError Error(string code, string message) => new(code, message);
}
