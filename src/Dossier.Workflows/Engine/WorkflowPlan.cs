using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;

namespace Dossier.Workflows.Engine;

/// <summary>One transition of the plan, with the guard objects behind its Stateless guards.</summary>
internal sealed record Edge(WorkflowState From, WorkflowTrigger Trigger, WorkflowState To, TransitionKind Kind, IReadOnlyList<Guard> Guards)
{
    public WorkflowTransition ToTransition() => new(From, Trigger, To, Kind, Guards.Select(g => g.Description).ToList());
}

/// <summary>
/// The transitions of a procedure's workflow, following the decider's rules (DossierDecider.Check) state by state;
/// <see cref="ProcedureWorkflow"/> configures a Stateless machine with exactly these. docs/procedures.md § "The
/// workflow engine" describes them.
/// </summary>
internal sealed class WorkflowPlan
{
    private readonly Procedure procedure;
    private readonly List<Edge> edges = [];

    private WorkflowPlan(Procedure procedure) => this.procedure = procedure;

    /// <summary>All states in the order they are configured (and drawn).</summary>
    public IReadOnlyList<WorkflowState> States { get; private set; } = [];

    public IReadOnlyList<Edge> Edges => edges;

    public static WorkflowPlan For(Procedure procedure)
    {
        var plan = new WorkflowPlan(procedure);
        plan.Build();
        return plan;
    }

    private string Agency => procedure.Agency;

    private bool Level4 => procedure.Level == ServiceLevel.Level4;

    private void Build()
    {
        var steps = procedure.Steps;
        var stepStates = steps.Select(s => WorkflowState.Step(s.Id)).ToList();
        var open = new List<WorkflowState> { WorkflowState.Submitted, WorkflowState.Received };
        open.AddRange(stepStates);
        open.Add(WorkflowState.AwaitingSupplement);
        if (Level4)
        {
            open.Add(WorkflowState.AwaitingPayment);
        }

        States =
        [
            .. open,
            WorkflowState.Decided,
            WorkflowState.ResultReturned,
            WorkflowState.NotAccepted,
            WorkflowState.Withdrawn,
            WorkflowState.Stopped,
        ];

        var submitted = WorkflowState.Submitted;
        Move(submitted, DossierAction.Receive, WorkflowState.Received, AgencyStaff(DossierAction.Receive, Role.Reception));
        Move(submitted, DossierAction.NotAccept, WorkflowState.NotAccepted, AgencyStaff(DossierAction.NotAccept, Role.Reception));
        Move(submitted, DossierAction.RequestSupplement, WorkflowState.AwaitingSupplement, AgencyStaff(DossierAction.RequestSupplement, Role.Reception));
        Move(submitted, DossierAction.Withdraw, WorkflowState.Withdrawn, ApplicantOnly(DossierAction.Withdraw));

        var received = WorkflowState.Received;
        Move(received, DossierAction.Assign, stepStates[0], AgencyStaff(DossierAction.Assign, Role.Reception, Role.Leader));
        Move(received, DossierAction.RequestSupplement, WorkflowState.AwaitingSupplement, AgencyStaff(DossierAction.RequestSupplement, Role.Reception));
        PaymentRequest(received);
        UnderDeadline(received);
        Move(received, DossierAction.Withdraw, WorkflowState.Withdrawn, ApplicantOnly(DossierAction.Withdraw));

        for (var i = 0; i < steps.Count; i++)
        {
            Step(steps[i], stepStates[i], i == steps.Count - 1 ? null : stepStates[i + 1]);
        }

        AwaitingSupplement(stepStates);
        if (Level4)
        {
            AwaitingPayment(stepStates);
        }

        var returners = new List<Party>();
        if (procedure.ResultDeliveries.Any(d => d is ResultDelivery.InPerson or ResultDelivery.Post))
        {
            returners.Add(Staff(Role.Reception, DossierAction.ReturnResult));
        }

        if (Level4 && procedure.ResultDeliveries.Contains(ResultDelivery.Online))
        {
            returners.Add(Party.Applicant(DossierAction.ReturnResult));
        }

        Move(WorkflowState.Decided, DossierAction.ReturnResult, WorkflowState.ResultReturned, Who(DossierAction.ReturnResult, [.. returners]));
        Rating(WorkflowState.Decided);
        Rating(WorkflowState.ResultReturned);
    }

    private void Step(ProcedureStep step, WorkflowState at, WorkflowState? next)
    {
        var where = $" at step '{step.Id}'";
        var agency = step.Agency ?? Agency;
        var own = agency == Agency;

        Reenter(
            at,
            DossierAction.Assign,
            Who(
                DossierAction.Assign,
                where,
                StepStaff(Role.Reception, agency, own, DossierAction.Assign, where),
                StepStaff(Role.Leader, agency, own, DossierAction.Assign, where)));
        if (next is null)
        {
            foreach (var decision in new[] { DossierAction.Approve, DossierAction.Refuse })
            {
                var decider = Party.Assignee(Role.Leader, agency, own, step.Id, decision, unassignedMayAct: true);
                Move(at, decision, WorkflowState.Decided, Who(decision, where, decider));
            }
        }
        else
        {
            // Nobody completes a step that has no assignee yet: a fact of the dossier, not of the caller.
            var assigned = Guard.Fact("step assigned", s => s.Assignee is null
                ? $"Step '{step.Id}' has no assignee yet; assign it before you {DossierAction.CompleteStep.Name()}."
                : null);
            var completer = Who(
                DossierAction.CompleteStep,
                where,
                Party.Assignee(step.Role, agency, own, step.Id, DossierAction.CompleteStep, unassignedMayAct: false));
            if (step.Outcomes.Count == 0)
            {
                Move(at, new WorkflowTrigger(DossierAction.CompleteStep), next, assigned, completer);
            }
            else
            {
                foreach (var outcome in step.Outcomes)
                {
                    var to = outcome.GoTo == StepOutcome.Supplement ? WorkflowState.AwaitingSupplement : WorkflowState.Step(outcome.GoTo);
                    Move(at, new WorkflowTrigger(DossierAction.CompleteStep, outcome.Name), to, assigned, completer);
                }
            }
        }

        Move(
            at,
            DossierAction.RequestSupplement,
            WorkflowState.AwaitingSupplement,
            Who(
                DossierAction.RequestSupplement,
                where,
                Staff(Role.Reception, DossierAction.RequestSupplement),
                StepStaff(Role.Officer, agency, own, DossierAction.RequestSupplement, where)));
        PaymentRequest(at);
        UnderDeadline(at);
        Move(at, DossierAction.Withdraw, WorkflowState.Withdrawn, ApplicantOnly(DossierAction.Withdraw));
    }

    private void AwaitingSupplement(IReadOnlyList<WorkflowState> steps)
    {
        var at = WorkflowState.AwaitingSupplement;
        var providers = Who(
            DossierAction.ProvideSupplement,
            Party.Applicant(DossierAction.ProvideSupplement),
            Staff(Role.Reception, DossierAction.ProvideSupplement));
        Move(at, DossierAction.ProvideSupplement, WorkflowState.Submitted, Resumes(SupplementResumes, WorkflowState.Submitted, "asked before receipt"), providers);
        Move(at, DossierAction.ProvideSupplement, WorkflowState.Received, Resumes(SupplementResumes, WorkflowState.Received, "asked before the first step"), providers);
        foreach (var step in steps)
        {
            Move(at, DossierAction.ProvideSupplement, step, Resumes(SupplementResumes, step, $"asked at step '{step.StepId}'"), providers);
        }

        Move(at, DossierAction.NotAccept, WorkflowState.NotAccepted, BeforeReceipt(DossierAction.NotAccept), AgencyStaff(DossierAction.NotAccept, Role.Reception));
        UnderDeadline(at, AfterReceipt(DossierAction.Stop), AfterReceipt(DossierAction.IssueApology));
        Move(at, DossierAction.Withdraw, WorkflowState.Withdrawn, ApplicantOnly(DossierAction.Withdraw));
    }

    private void AwaitingPayment(IReadOnlyList<WorkflowState> steps)
    {
        var at = WorkflowState.AwaitingPayment;
        var payer = ApplicantOnly(DossierAction.Pay);
        Move(at, DossierAction.Pay, WorkflowState.Received, Resumes(PaymentResumes, WorkflowState.Received, "asked before the first step"), payer);
        foreach (var step in steps)
        {
            Move(at, DossierAction.Pay, step, Resumes(PaymentResumes, step, $"asked at step '{step.StepId}'"), payer);
        }

        UnderDeadline(at);
        Move(at, DossierAction.Withdraw, WorkflowState.Withdrawn, ApplicantOnly(DossierAction.Withdraw));
    }

    /// <summary>Level 4 only: fees are paid online; at level 3 they are paid at the desk and the workflow has no payment.</summary>
    private void PaymentRequest(WorkflowState at)
    {
        if (Level4)
        {
            Move(
                at,
                DossierAction.RequestPayment,
                WorkflowState.AwaitingPayment,
                AgencyStaff(DossierAction.RequestPayment, Role.Officer, Role.Reception));
        }
    }

    /// <summary>While the legal clock runs or is paused: the leader may stop processing, the agency may apologise once.</summary>
    private void UnderDeadline(WorkflowState at, Guard? stopFact = null, Guard? apologyFact = null)
    {
        Move(at, DossierAction.Stop, WorkflowState.Stopped, [.. Facts(stopFact), AgencyStaff(DossierAction.Stop, Role.Leader)]);
        Stay(
            at,
            DossierAction.IssueApology,
            [
                .. Facts(apologyFact),
                Guard.Fact("no apology yet", s => s.ApologyIssued
                    ? $"An apology was already issued for dossier {s.Code}; the appointment may be moved only once."
                    : null),
                AgencyStaff(DossierAction.IssueApology, Role.Officer, Role.Leader),
            ]);
    }

    private void Rating(WorkflowState at) =>
        Stay(
            at,
            DossierAction.Rate,
            [
                Guard.Fact("not yet rated", s => s.Rating is { } rating ? $"Dossier {s.Code} was already rated ({rating})." : null),
                ApplicantOnly(DossierAction.Rate),
            ]);

    private static IEnumerable<Guard> Facts(Guard? fact) => fact is null ? [] : [fact];

    private static Guard BeforeReceipt(DossierAction action) =>
        Guard.Fact("before receipt", s => s.ReceivedAt is null
            ? null
            : $"{action.Name()} is permitted only before receipt; dossier {s.Code} has been received.");

    private static Guard AfterReceipt(DossierAction action) =>
        Guard.Fact("after receipt", s => s.ReceivedAt is not null
            ? null
            : $"{action.Name()} is permitted only after receipt; dossier {s.Code} has not been received.");

    private Guard Resumes(Func<DossierState, WorkflowState> resumesAt, WorkflowState target, string description) =>
        Guard.Fact(description, s => resumesAt(s) is var actual && actual == target
            ? null
            : $"Dossier {s.Code} resumes {ProcedureWorkflow.Here(actual)}, not {ProcedureWorkflow.Here(target)}.");

    /// <summary>Where a dossier awaiting a supplement resumes: as the decider's ProvideSupplement decides.</summary>
    internal static WorkflowState SupplementResumes(DossierState s) =>
        Resumed(s, s.ResumeStatus ?? (s.ReceivedAt is null ? DossierStatus.Submitted : DossierStatus.Received));

    /// <summary>Where a dossier awaiting payment resumes: as the decider's Pay decides.</summary>
    internal static WorkflowState PaymentResumes(DossierState s) => Resumed(s, s.ResumeStatus ?? DossierStatus.Received);

    private static WorkflowState Resumed(DossierState s, DossierStatus status) =>
        status == DossierStatus.Processing && s.CurrentStepId is { } step ? WorkflowState.Step(step) : WorkflowState.Of(status);

    private Guard Who(DossierAction action, params Party[] parties) => Guard.Who(action, string.Empty, parties);

    /// <summary>Staff of the procedure's agency in one of the roles.</summary>
    private Guard AgencyStaff(DossierAction action, params Role[] roles) => Who(action, roles.Select(r => Staff(r, action)).ToArray());

    private static Guard ApplicantOnly(DossierAction action) => Guard.Who(action, string.Empty, Party.Applicant(action));

    private static Guard Who(DossierAction action, string where, params Party[] parties) => Guard.Who(action, where, parties);

    private Party Staff(Role role, DossierAction action) => Party.Staff(role, Agency, ownAgency: true, action, string.Empty);

    private static Party StepStaff(Role role, string agency, bool own, DossierAction action, string where) =>
        Party.Staff(role, agency, own, action, where);

    private void Move(WorkflowState from, DossierAction action, WorkflowState to, params Guard[] guards) =>
        Move(from, new WorkflowTrigger(action), to, guards);

    private void Move(WorkflowState from, WorkflowTrigger trigger, WorkflowState to, params Guard[] guards) =>
        edges.Add(new Edge(from, trigger, to, TransitionKind.Move, guards));

    private void Reenter(WorkflowState at, DossierAction action, params Guard[] guards) =>
        edges.Add(new Edge(at, new WorkflowTrigger(action), at, TransitionKind.Reentry, guards));

    private void Stay(WorkflowState at, DossierAction action, params Guard[] guards) =>
        edges.Add(new Edge(at, new WorkflowTrigger(action), at, TransitionKind.Internal, guards));
}
