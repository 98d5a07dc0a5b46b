using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Engine;
using static Dossier.Workflows.Tests.Engine.Support.Catalogue;

namespace Dossier.Workflows.Tests.Engine.Support;

/// <summary>
/// A client of the workflow: it decides with the domain decider, folds the events, and acts only when the engine
/// lists the action as permitted for the actor — checking each time that the decider agrees and that the dossier
/// moved along an edge of the compiled machine.
/// </summary>
internal sealed class DossierDriver
{
    public const string Opinion = "Hồ sơ đã được kiểm tra";

    private static readonly SubmittedDocument Document = new("Tờ khai.pdf", new string('a', 64));

    private DossierDriver(Procedure procedure, DateTimeOffset now)
    {
        Procedure = procedure;
        Workflow = ProcedureWorkflow.For(procedure);
        Now = now;
    }

    public Procedure Procedure { get; }

    public ProcedureWorkflow Workflow { get; }

    public DossierState State { get; private set; } = DossierState.Initial;

    public DateTimeOffset Now { get; private set; }

    public List<string> Log { get; } = [];

    /// <summary>The transitions taken, as "from --trigger--> to".</summary>
    public List<WorkflowTransition> Taken { get; } = [];

    public static Actor Owner { get; } = new("079201000001", Role.Citizen, null);

    public static Actor Stranger { get; } = new("079201000002", Role.Citizen, null);

    public string Agency => Procedure.Agency;

    public Actor Reception => Staff(Role.Reception, Agency);

    public Actor Leader => Staff(Role.Leader, Agency);

    public Actor Officer => Staff(Role.Officer, Agency);

    public CurrentStep? Step => Workflow.CurrentStep(State, Calendar);

    /// <summary>The person who handles the current (or next) step: its role, at its unit.</summary>
    public Actor? Handler => Step is { } step ? Staff(step.Role, step.Agency) : null;

    public static Actor Staff(Role role, string agency) => new($"{role.ToString().ToLowerInvariant()}@{agency}", role, agency);

    public static DossierDriver FiledOnline(Procedure procedure, DateTimeOffset? at = null)
    {
        var driver = new DossierDriver(procedure, at ?? Monday);
        var code = DossierCode.Create(procedure.Agency, DateOnly.FromDateTime(driver.Now.DateTime), 1);
        driver.Apply(DossierDecider.Decide(
            DossierState.Initial,
            new FileOnline(Owner, driver.Now, code, new Applicant("Nguyễn Văn An", Owner.PersonId), "Đề nghị giải quyết", [Document]),
            new DecisionContext(procedure, Calendar)));
        return driver;
    }

    public static DossierDriver FiledAtDesk(Procedure procedure, DateTimeOffset? at = null)
    {
        var driver = new DossierDriver(procedure, at ?? Monday);
        var code = DossierCode.Create(procedure.Agency, DateOnly.FromDateTime(driver.Now.DateTime), 1);
        driver.Apply(DossierDecider.Decide(
            DossierState.Initial,
            new FileDirect(driver.Reception, driver.Now, code, Channel.InPerson, new Applicant("Nguyễn Văn An", Owner.PersonId), null, [Document]),
            new DecisionContext(procedure, Calendar)));
        return driver;
    }

    public IReadOnlyList<DossierAction> Permitted(Actor actor) => Workflow.Permitted(State, actor);

    public bool May(Actor actor, DossierAction action) => Permitted(actor).Contains(action);

    public void Wait(TimeSpan time) => Now += time;

    /// <summary>Takes the action as the actor: it must be permitted, accepted, and move along a transition of the machine.</summary>
    public DossierDriver Act(IDossierCommand command)
    {
        var action = DossierActionExtensions.ActionOf(command)!.Value;
        var actor = command.By;
        Assert.True(
            May(actor, action),
            $"{actor.PersonId} ({actor.Role}) may not {action.Name()} at {Workflow.StateOf(State)}; permitted: {string.Join(", ", Permitted(actor).Select(a => a.Name()))}. "
            + $"Check: {Workflow.Check(action, State, actor)}");
        var before = Workflow.StateOf(State);
        var decision = DossierDecider.Decide(State, command, new DecisionContext(Procedure, Calendar));
        Assert.True(decision.IsAccepted, $"The decider refused {action.Name()} that the workflow permits: {decision}");
        Apply(decision);

        var after = Workflow.StateOf(State);
        var outcome = (command as CompleteStep)?.Outcome;
        var edge = Workflow.Transitions.FirstOrDefault(t => t.From == before && t.Trigger == new WorkflowTrigger(action, outcome) && t.To == after);
        Assert.True(edge is not null, $"No transition {before} --{new WorkflowTrigger(action, outcome)}--> {after} in the machine.");
        Taken.Add(edge);
        Log.Add($"{before} --{edge.Trigger}--> {after} by {actor.PersonId}");
        Now += TimeSpan.FromHours(1);
        return this;
    }

    private void Apply(Decision decision)
    {
        Assert.True(decision.IsAccepted, decision.ToString());
        State = decision.Events.Aggregate(State, DossierDecider.Evolve);
    }
}
