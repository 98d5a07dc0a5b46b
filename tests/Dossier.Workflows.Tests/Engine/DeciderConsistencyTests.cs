using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Engine;
using Dossier.Workflows.Tests.Engine.Support;
using static Dossier.Workflows.Tests.Engine.Support.Catalogue;

namespace Dossier.Workflows.Tests.Engine;

/// <summary>
/// The workflow and the decider must never disagree. For every state a client can reach in a shipped procedure
/// (following permitted actions from an online or a desk filing), for every action and every person involved:
/// what the workflow permits, the decider accepts; where the decider accepts an action from anyone, the workflow's
/// state allows it, and where the workflow's state refuses it, the decider refuses it from everyone; and each
/// accepted move lands where one of the machine's transitions says.
/// </summary>
public sealed class DeciderConsistencyTests
{
    private static readonly SubmittedDocument Document = new("Giấy tờ.pdf", new string('c', 64));

    [Theory]
    [MemberData(nameof(Codes), MemberType = typeof(Catalogue))]
    public void the_workflow_and_the_decider_agree_in_every_reachable_state(string code)
    {
        var procedure = Procedure(code);
        var workflow = ProcedureWorkflow.For(procedure);
        var context = new DecisionContext(procedure, Calendar);
        var actors = Actors(procedure);
        var queue = new Queue<(DossierState State, DateTimeOffset Now)>();
        var seen = new HashSet<string>();
        foreach (var start in new[] { DossierDriver.FiledOnline(procedure), DossierDriver.FiledAtDesk(procedure) })
        {
            seen.Add(Key(start.State));
            queue.Enqueue((start.State, start.Now.AddHours(1)));
        }

        var failures = new List<string>();
        var statesVisited = new HashSet<WorkflowState>();
        while (queue.TryDequeue(out var item))
        {
            var (state, now) = item;
            var at = workflow.StateOf(state);
            statesVisited.Add(at);
            foreach (var action in Enum.GetValues<DossierAction>())
            {
                var accepted = actors
                    .SelectMany(actor => Probes(action, state, procedure, actor, now).Select(command => (Actor: actor, Command: command)))
                    .Select(p => (p.Actor, p.Command, Decision: DossierDecider.Decide(state, p.Command, context)))
                    .Where(p => p.Decision.IsAccepted)
                    .ToList();

                var inState = workflow.AllowsInState(action, state);
                if (inState != accepted.Count > 0)
                {
                    failures.Add($"{at} [{Key(state)}]: {action.Name()} — workflow state allows: {inState}, decider accepts from someone: {accepted.Count > 0}"
                        + (inState ? string.Empty : $" ({workflow.WhyNotInState(action, state)})"));
                }

                foreach (var actor in actors)
                {
                    var permitted = workflow.Permitted(state, actor).Contains(action);
                    var check = workflow.Check(action, state, actor);
                    if (permitted != check.IsAllowed)
                    {
                        failures.Add($"{at}: {action.Name()} by {actor.PersonId} — permitted {permitted} but check says {check}");
                    }

                    if (permitted && !accepted.Any(a => a.Actor == actor))
                    {
                        var refusal = Probes(action, state, procedure, actor, now).Select(c => DossierDecider.Decide(state, c, context)).FirstOrDefault();
                        failures.Add($"{at}: {action.Name()} by {actor.PersonId} is permitted but the decider refuses: {refusal}");
                    }

                    if (check.Refusal == RefusalKind.NotInState && accepted.Count > 0)
                    {
                        failures.Add($"{at}: {action.Name()} by {actor.PersonId} refused as not in state, yet the decider accepts it");
                    }

                    if (!check.IsAllowed && string.IsNullOrWhiteSpace(check.Reason))
                    {
                        failures.Add($"{at}: {action.Name()} by {actor.PersonId} refused without a reason");
                    }
                }

                foreach (var (actor, command, decision) in accepted.Where(a => workflow.Permitted(state, a.Actor).Contains(action)))
                {
                    var next = decision.Events.Aggregate(state, DossierDecider.Evolve);
                    var to = workflow.StateOf(next);
                    var trigger = new WorkflowTrigger(action, (command as CompleteStep)?.Outcome);
                    if (!workflow.Transitions.Any(t => t.From == at && t.Trigger == trigger && t.To == to))
                    {
                        failures.Add($"{at} --{trigger}--> {to} by {actor.PersonId} is not a transition of the machine");
                    }

                    if (seen.Add(Key(next)))
                    {
                        queue.Enqueue((next, now.AddHours(1)));
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct().Take(40)));
        Assert.Equal(workflow.States.ToHashSet(), statesVisited);
    }

    /// <summary>The people around a dossier: its applicant and a stranger, staff of every unit involved, an auditor and an admin.</summary>
    private static IReadOnlyList<Actor> Actors(Procedure procedure)
    {
        var agencies = new[] { procedure.Agency }.Concat(procedure.Steps.Select(s => s.Agency).OfType<string>()).Distinct();
        return
        [
            DossierDriver.Owner,
            DossierDriver.Stranger,
            .. agencies.SelectMany(a => new[]
            {
                DossierDriver.Staff(Role.Reception, a),
                DossierDriver.Staff(Role.Officer, a),
                DossierDriver.Staff(Role.Leader, a),
                new Actor("officer-2@" + a, Role.Officer, a),
                new Actor("leader-2@" + a, Role.Leader, a),
            }),
            DossierDriver.Staff(Role.Officer, "000.00.99.H08"),
            new Actor("auditor", Role.Auditor, null),
            new Actor("admin", Role.Admin, null),
        ];
    }

    /// <summary>Commands with sensible values, one per way the action can be taken.</summary>
    private static IEnumerable<IDossierCommand> Probes(DossierAction action, DossierState s, Procedure p, Actor by, DateTimeOffset now)
    {
        const string reason = "Lý do";
        var step = s.CurrentStepId is { } id ? p.Step(id) : null;
        switch (action)
        {
            case DossierAction.Receive: yield return new Receive(by, now); break;
            case DossierAction.NotAccept: yield return new NotAccept(by, now, reason); break;
            case DossierAction.RequestSupplement: yield return new RequestSupplement(by, now, reason, ["Bản sao"]); break;
            case DossierAction.ProvideSupplement: yield return new ProvideSupplement(by, now, [Document]); break;
            case DossierAction.Assign:
                var next = step ?? p.Steps[0];
                yield return new Assign(by, now, DossierDriver.Staff(next.Role, next.Agency ?? p.Agency).PersonId);
                break;
            case DossierAction.CompleteStep:
                foreach (var outcome in step is { Outcomes.Count: > 0 } ? step.Outcomes.Select(o => (string?)o.Name) : [null])
                {
                    yield return new CompleteStep(by, now, DossierDriver.Opinion, outcome);
                }

                break;
            case DossierAction.RequestPayment: yield return new RequestPayment(by, now, 100_000); break;
            case DossierAction.Pay: yield return new Pay(by, now, s.AmountDue ?? 100_000, "VNPAY-0001"); break;
            case DossierAction.Approve: yield return new Approve(by, now); break;
            case DossierAction.Refuse: yield return new Refuse(by, now, reason); break;
            case DossierAction.IssueApology:
                yield return new IssueApology(by, now, reason, (s.DueAt > now ? s.DueAt.Value : now).AddDays(10));
                break;
            case DossierAction.ReturnResult:
                foreach (var method in p.ResultDeliveries)
                {
                    yield return new ReturnResult(by, now, method);
                }

                break;
            case DossierAction.Withdraw: yield return new Withdraw(by, now); break;
            case DossierAction.Stop: yield return new Stop(by, now, reason); break;
            case DossierAction.Rate: yield return new Rate(by, now, Rating.Satisfied); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    private static string Key(DossierState s) => string.Join(
        "|",
        s.Status,
        s.CurrentStepId,
        s.Assignee,
        s.ResumeStatus,
        s.ReceivedAt is null ? "-" : "received",
        s.ClockPausedAt is null ? "-" : "paused",
        s.ApologyIssued ? "apologised" : "-",
        s.Rating?.ToString(),
        s.Outcome?.ToString(),
        s.OwnerId is null ? "desk" : "online");
}
