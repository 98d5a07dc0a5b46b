using System.Collections.Concurrent;
using System.Text;
using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Validation;
using Stateless;
using Stateless.Graph;

namespace Dossier.Workflows.Engine;

/// <summary>
/// A procedure version compiled into a Stateless state machine over the dossier's state. The dossier's event stream
/// stays the only truth: the machine reads the workflow state from a <see cref="DossierState"/> and is never fired.
/// It answers which actions a caller may take now (guards on role, unit, person and state facts), why an action is
/// refused, where the dossier stands in the procedure, and draws itself.
/// </summary>
public sealed class ProcedureWorkflow
{
    private static readonly ConcurrentDictionary<(string Code, int Version), ProcedureWorkflow> Cache = new();

    private readonly WorkflowPlan plan;
    private readonly StateMachine<WorkflowState, WorkflowTrigger> machine;
    private readonly Dictionary<DossierAction, WorkflowTrigger[]> triggersByAction;
    private readonly Lazy<string> diagram;

    // The machine is shared by every request for this procedure version; guards read the evaluation in hand,
    // so one evaluation at a time. Each one is a handful of dictionary lookups and delegate calls.
    private readonly Lock gate = new();
    private Evaluation? evaluation;

    private ProcedureWorkflow(Procedure procedure)
    {
        Procedure = procedure;
        plan = WorkflowPlan.For(procedure);
        machine = new StateMachine<WorkflowState, WorkflowTrigger>(
            () => evaluation?.At ?? WorkflowState.Submitted,
            _ => throw new InvalidOperationException("A procedure workflow is never fired: the dossier's events move it."));
        foreach (var state in plan.States)
        {
            machine.Configure(state);
        }

        foreach (var edge in plan.Edges)
        {
            Configure(edge);
        }

        triggersByAction = plan.Edges.Select(e => e.Trigger).Distinct()
            .GroupBy(t => t.Action)
            .ToDictionary(g => g.Key, g => g.ToArray());
        Transitions = plan.Edges.Select(e => e.ToTransition()).ToList();
        diagram = new Lazy<string>(Draw);
    }

    public Procedure Procedure { get; }

    /// <summary>Every transition of the machine, in the order configured.</summary>
    public IReadOnlyList<WorkflowTransition> Transitions { get; }

    /// <summary>Every state of the machine, in the order configured.</summary>
    public IReadOnlyList<WorkflowState> States => plan.States;

    /// <summary>Validates the procedure (<see cref="DefinitionValidator"/>) and compiles it.</summary>
    /// <exception cref="DefinitionException">The procedure breaks a rule; the exception lists every error.</exception>
    public static ProcedureWorkflow Compile(Procedure procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        var errors = DefinitionValidator.Validate(procedure);
        if (errors.Count > 0)
        {
            throw new DefinitionException(errors.Select(e => e with { Procedure = $"{procedure.Code} v{procedure.Version}" }).ToList());
        }

        return new ProcedureWorkflow(procedure);
    }

    /// <summary>
    /// The compiled workflow of a procedure version, compiled once per process: a published version never changes.
    /// (Should a different procedure turn up under the same code and version — a test database, say — it is compiled afresh.)
    /// </summary>
    public static ProcedureWorkflow For(Procedure procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        var key = (procedure.Code, procedure.Version);
        if (Cache.TryGetValue(key, out var cached) && SameWorkflow(cached.Procedure, procedure))
        {
            return cached;
        }

        var compiled = Compile(procedure);
        Cache[key] = compiled;
        return compiled;
    }

    /// <summary>The workflow state a dossier is in: its status, and its current step while processing.</summary>
    public WorkflowState StateOf(DossierState dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        if (!dossier.Exists)
        {
            throw new ArgumentException("There is no dossier: the stream is empty.", nameof(dossier));
        }

        if (dossier.Status != DossierStatus.Processing)
        {
            return WorkflowState.Of(dossier.Status);
        }

        var step = dossier.CurrentStepId;
        return step is not null && Procedure.IndexOf(step) >= 0
            ? WorkflowState.Step(step)
            : throw new InvalidOperationException(
                $"Dossier {dossier.Code} is processing at step '{step}', which procedure {Procedure.Code} v{Procedure.Version} does not have.");
    }

    /// <summary>Whether the caller may see the dossier: its applicant, staff of a unit the procedure involves, auditors.</summary>
    public bool CanSee(DossierState dossier, Actor caller)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(caller);
        return dossier.Exists && caller.Role switch
        {
            Role.Citizen => Party.IsApplicant(dossier, caller),
            Role.Auditor => true,
            Role.Reception or Role.Officer or Role.Leader => Involves(caller.Agency),
            _ => false,
        };
    }

    /// <summary>Whether staff of <paramref name="agency"/> take part: the procedure's agency or that of one of its steps.</summary>
    public bool Involves(string? agency) =>
        agency is not null && (Procedure.Agency == agency || Procedure.Steps.Any(s => s.Agency == agency));

    /// <summary>The actions the caller may take now, in the order of <see cref="DossierAction"/>.</summary>
    public IReadOnlyList<DossierAction> Permitted(DossierState dossier, Actor caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!CanSee(dossier, caller))
        {
            return [];
        }

        return Evaluate(dossier, caller, () => Enum.GetValues<DossierAction>()
            .Where(a => ActionRoles.RoleMay(caller.Role, a)
                && triggersByAction.TryGetValue(a, out var triggers)
                && triggers.Any(t => machine.CanFire(t)))
            .ToList());
    }

    /// <summary>Whether the caller may take the action now, and if not, why (the kind tells the API which status to answer).</summary>
    public ActionCheck Check(DossierAction action, DossierState dossier, Actor caller)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(caller);
        if (!CanSee(dossier, caller))
        {
            return ActionCheck.Refused(action, RefusalKind.NotVisible, dossier.Exists
                ? $"Dossier {dossier.Code} is not visible to {caller.PersonId} ({caller.Role.Named()}{(caller.Agency is null ? string.Empty : " of " + caller.Agency)})."
                : "There is no such dossier.");
        }

        if (!ActionRoles.RoleMay(caller.Role, action))
        {
            return ActionCheck.Refused(
                action,
                RefusalKind.Role,
                $"{action.Name()} is for {Or(ActionRoles.RolesFor(action).Select(r => r.Named()).ToList())}; you act as {caller.Role.Named()}.");
        }

        if (CanFire(action, dossier, caller))
        {
            return ActionCheck.Allowed(action);
        }

        var refusal = Explain(action, new Evaluation(dossier, caller, StateOf(dossier)));
        return ActionCheck.Refused(action, refusal.Kind, refusal.Reason);
    }

    /// <summary>
    /// The state-related part alone: whether the dossier's state allows the action to anyone at all
    /// (the guards on who acts are left out).
    /// </summary>
    public bool AllowsInState(DossierAction action, DossierState dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return dossier.Exists && CanFire(action, dossier, null);
    }

    /// <summary>Why the state does not allow the action to anyone, or null when it does.</summary>
    public string? WhyNotInState(DossierAction action, DossierState dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return AllowsInState(action, dossier) ? null : Explain(action, new Evaluation(dossier, null, StateOf(dossier))).Reason;
    }

    /// <summary>
    /// The step the dossier is at while it is open (also while paused for a supplement or a payment), with its
    /// internal target; for a received dossier not yet assigned, the first step, not started yet. Null otherwise.
    /// </summary>
    public CurrentStep? CurrentStep(DossierState dossier, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(calendar);
        if (!dossier.Exists || !dossier.IsOpen)
        {
            return null;
        }

        if (dossier.CurrentStepId is { } id && Procedure.IndexOf(id) >= 0)
        {
            var step = Procedure.Step(id);
            var started = dossier.StepStartedAt;
            return Describe(step, dossier.Assignee, started, started is { } at ? calendar.DueAt(at, step.WorkingDays) : null);
        }

        return dossier.ReceivedAt is not null && dossier.CurrentStepId is null ? Describe(Procedure.Steps[0], null, null, null) : null;
    }

    /// <summary>The machine as a Mermaid <c>stateDiagram-v2</c>, drawn by Stateless from the machine itself, with each step's name.</summary>
    public string Diagram() => diagram.Value;

    internal static string Here(WorkflowState state) => state.StepId is { } step
        ? $"at step '{step}'"
        : state.Status switch
        {
            DossierStatus.Submitted => "submitted, not yet received",
            DossierStatus.Received => "received, no step assigned yet",
            DossierStatus.AwaitingSupplement => "awaiting a supplement",
            DossierStatus.AwaitingPayment => "awaiting payment",
            DossierStatus.Decided => "decided",
            DossierStatus.ResultReturned => "closed: its result was returned",
            DossierStatus.NotAccepted => "not accepted",
            DossierStatus.Withdrawn => "withdrawn",
            DossierStatus.Stopped => "stopped",
            _ => state.Name,
        };

    private static string When(WorkflowState state) => state.Status switch
    {
        DossierStatus.Submitted => "when submitted",
        DossierStatus.Received => "when received",
        DossierStatus.AwaitingSupplement => "when awaiting a supplement",
        DossierStatus.AwaitingPayment => "when awaiting payment",
        DossierStatus.Decided => "when decided",
        DossierStatus.ResultReturned => "when the result was returned",
        _ => "when " + state.Name,
    };

    private static bool SameWorkflow(Procedure a, Procedure b) =>
        ReferenceEquals(a, b)
        || (a.Code == b.Code && a.Version == b.Version && a.Agency == b.Agency && a.Level == b.Level
            && a.WorkingDays == b.WorkingDays && a.Name == b.Name
            && a.ResultDeliveries.SequenceEqual(b.ResultDeliveries)
            && a.Fees.SequenceEqual(b.Fees)
            && a.Steps.Count == b.Steps.Count
            && a.Steps.Zip(b.Steps).All(p => p.First.Id == p.Second.Id && p.First.Name == p.Second.Name && p.First.Role == p.Second.Role
                && p.First.Agency == p.Second.Agency && p.First.WorkingDays == p.Second.WorkingDays
                && p.First.Outcomes.SequenceEqual(p.Second.Outcomes)));

    private void Configure(Edge edge)
    {
        var configuration = machine.Configure(edge.From);
        var guards = edge.Guards
            .Select(g => Tuple.Create<Func<bool>, string>(() => g.Passes(evaluation!), g.Description))
            .ToArray();
        switch (edge.Kind)
        {
            case TransitionKind.Move:
                configuration.PermitIf(edge.Trigger, edge.To, guards);
                break;
            case TransitionKind.Reentry:
                configuration.PermitReentryIf(edge.Trigger, guards);
                break;
            case TransitionKind.Internal:
                configuration.InternalTransitionIf(
                    edge.Trigger,
                    _ => edge.Guards.All(g => g.Passes(evaluation!)),
                    _ => { },
                    string.Join(", ", edge.Guards.Select(g => g.Description)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(edge), edge.Kind, null);
        }
    }

    private bool CanFire(DossierAction action, DossierState dossier, Actor? caller) =>
        triggersByAction.TryGetValue(action, out var triggers)
        && Evaluate(dossier, caller, () => triggers.Any(t => machine.CanFire(t)));

    private T Evaluate<T>(DossierState dossier, Actor? caller, Func<T> query)
    {
        var at = StateOf(dossier);
        lock (gate)
        {
            evaluation = new Evaluation(dossier, caller, at);
            try
            {
                return query();
            }
            finally
            {
                evaluation = null;
            }
        }
    }

    /// <summary>
    /// The reason Stateless refused: no transition for the action here; or the state facts on every candidate
    /// transition fail; or else who the caller is.
    /// </summary>
    private Refusal Explain(DossierAction action, Evaluation e)
    {
        var candidates = plan.Edges.Where(x => x.From == e.At && x.Trigger.Action == action).ToList();
        if (candidates.Count == 0)
        {
            return new Refusal(RefusalKind.NotInState, NotHere(action, e.At));
        }

        var factRefusals = candidates
            .Select(c => (Edge: c, Refusal: c.Guards.Where(g => !g.AboutCaller).Select(g => g.Test(e)).FirstOrDefault(r => r is not null)))
            .ToList();
        var applicable = factRefusals.Where(f => f.Refusal is null).Select(f => f.Edge).ToList();
        if (applicable.Count == 0)
        {
            return factRefusals[0].Refusal!.Value;
        }

        return applicable
            .Select(c => c.Guards.Where(g => g.AboutCaller).Select(g => g.Test(e)).FirstOrDefault(r => r is not null))
            .FirstOrDefault(r => r is not null)
            ?? throw new InvalidOperationException(
                $"The workflow of {Procedure.Code} v{Procedure.Version} refused {action.Name()} {Here(e.At)} but no guard explains why.");
    }

    private string NotHere(DossierAction action, WorkflowState at)
    {
        var from = plan.Edges.Where(x => x.Trigger.Action == action).Select(x => x.From).Distinct().ToList();
        if (from.Count == 0)
        {
            return action is DossierAction.RequestPayment or DossierAction.Pay && Procedure.Level == ServiceLevel.Level3
                ? $"Procedure {Procedure.Code} is offered at level 3: fees are paid at the desk, not online."
                : $"Procedure {Procedure.Code} v{Procedure.Version} has no {action.Name()}.";
        }

        var parts = new List<string>();
        var steps = from.Where(s => s.StepId is not null).Select(s => $"'{s.StepId}'").ToList();
        foreach (var state in from)
        {
            if (state.StepId is null)
            {
                parts.Add(When(state));
            }
            else if (steps.Count > 0)
            {
                parts.Add(steps.Count == 1 ? $"at step {steps[0]}"
                    : steps.Count == Procedure.Steps.Count ? "at any step"
                    : $"at steps {string.Join(", ", steps)}");
                steps.Clear();
            }
        }

        return $"{action.Name()} is permitted only {Or(parts)}; the dossier is {Here(at)}.";
    }

    private static string Or(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];

    private CurrentStep Describe(ProcedureStep step, string? assignee, DateTimeOffset? startedAt, DateTimeOffset? dueAt) =>
        new(
            step.Id,
            step.Name,
            step.Role,
            step.Agency ?? Procedure.Agency,
            assignee,
            startedAt,
            dueAt,
            step.WorkingDays,
            step.Id == Procedure.Steps[^1].Id,
            step.Outcomes);

    private string Draw()
    {
        string mermaid;
        lock (gate)
        {
            mermaid = MermaidGraph.Format(machine.GetInfo());
        }

        // Stateless draws states by name; a description line per step adds what the step is and who acts.
        var lines = mermaid.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var descriptions = Procedure.Steps.Select(s =>
            $"\t{WorkflowState.Step(s.Id).Name} : {Clean(s.Name)} ({s.Role.Named()}"
            + (s.Agency is null ? string.Empty : $" of {s.Agency}")
            + $", {s.WorkingDays} working day{(s.WorkingDays == 1 ? string.Empty : "s")})");
        lines.InsertRange(1, descriptions);
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static string Clean(string text) => text.Replace(':', ',').Replace(';', ',').Replace('\n', ' ');
}
