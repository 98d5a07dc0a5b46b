using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Engine;
using Dossier.Workflows.Tests.Engine.Support;
using static Dossier.Workflows.Tests.Engine.Support.Catalogue;

namespace Dossier.Workflows.Tests.Engine;

/// <summary>
/// Every shipped procedure driven from submission to its rated result by a client that follows only the permitted
/// actions and the current step — the happy path and each branch.
/// </summary>
public sealed class ProcedureWalkTests
{
    public static TheoryData<string, string, string> Outcomes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var definition in Catalogue.Definitions)
        {
            foreach (var step in definition.Steps)
            {
                foreach (var outcome in step.Outcomes ?? [])
                {
                    data.Add(definition.Code, step.Id, outcome.Name);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Codes), MemberType = typeof(Catalogue))]
    public void the_happy_path_runs_from_submission_to_a_rated_result(string code)
    {
        var procedure = Procedure(code);
        var driver = DossierDriver.FiledOnline(procedure);
        new FollowingClient(driver) { Intervene = CheckCurrentStep }.Run();

        Assert.Equal(DossierStatus.ResultReturned, driver.State.Status);
        Assert.Equal(DossierOutcome.Approved, driver.State.Outcome);
        Assert.Equal(Rating.VerySatisfied, driver.State.Rating);
        Assert.Equal(
            procedure.Level == ServiceLevel.Level4 ? ResultDelivery.Online : procedure.ResultDeliveries[0],
            driver.State.ResultDelivery);
        Assert.Contains(driver.Taken, t => t.Trigger.Action == DossierAction.Approve && t.From == WorkflowState.Step(procedure.Steps[^1].Id));
        Assert.Empty(driver.Permitted(DossierDriver.Owner));
    }

    [Theory]
    [MemberData(nameof(Codes), MemberType = typeof(Catalogue))]
    public void a_dossier_filed_at_the_desk_runs_to_its_result(string code)
    {
        var driver = DossierDriver.FiledAtDesk(Procedure(code));
        Assert.Equal(WorkflowState.Received, driver.Workflow.StateOf(driver.State));

        new FollowingClient(driver).Run();

        Assert.Equal(DossierStatus.ResultReturned, driver.State.Status);
        Assert.Null(driver.State.OwnerId);
    }

    [Theory]
    [MemberData(nameof(Codes), MemberType = typeof(Catalogue))]
    public void the_leader_may_refuse_at_the_decision_step(string code)
    {
        var procedure = Procedure(code);
        var driver = DossierDriver.FiledOnline(procedure);
        new FollowingClient(driver) { Approves = false }.Run();

        Assert.Equal(DossierOutcome.Refused, driver.State.Outcome);
        Assert.Contains(driver.Taken, t => t.Trigger.Action == DossierAction.Refuse && t.To == WorkflowState.Decided);
        Assert.DoesNotContain(driver.Taken, t => t.Trigger.Action == DossierAction.Approve);
    }

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void each_outcome_of_each_step_leads_where_it_says(string code, string stepId, string outcome)
    {
        var procedure = Procedure(code);
        var driver = DossierDriver.FiledOnline(procedure);
        var used = false;
        new FollowingClient(driver)
        {
            SupplementTakes = TimeSpan.FromDays(2),
            ChooseOutcome = step =>
            {
                if (step.Id == stepId && !used)
                {
                    used = true;
                    return outcome;
                }

                return Toward(procedure, step, used ? procedure.Steps[^1].Id : stepId);
            },
        }.Run();

        var goTo = procedure.Step(stepId).Outcomes.Single(o => o.Name == outcome).GoTo;
        var taken = Assert.Single(driver.Taken, t => t.Trigger == new WorkflowTrigger(DossierAction.CompleteStep, outcome) && t.From == WorkflowState.Step(stepId));
        Assert.Equal(goTo == StepOutcome.Supplement ? WorkflowState.AwaitingSupplement : WorkflowState.Step(goTo), taken.To);
        Assert.Equal(DossierStatus.ResultReturned, driver.State.Status);
    }

    [Theory]
    [MemberData(nameof(Codes), MemberType = typeof(Catalogue))]
    public void a_supplement_asked_for_during_processing_resumes_the_step_and_extends_the_due_date(string code)
    {
        var procedure = Procedure(code);
        var driver = DossierDriver.FiledOnline(procedure);
        var client = new FollowingClient(driver) { SupplementTakes = TimeSpan.FromDays(3) };
        client.Run(s => s.Status == DossierStatus.Processing);
        var step = driver.Step!;
        var asker = step.Role == Domain.Access.Role.Officer ? driver.Handler! : driver.Reception;
        var dueBefore = driver.State.DueAt!.Value;
        var startedBefore = driver.State.StepStartedAt;

        driver.Act(new RequestSupplement(asker, driver.Now, "Thiếu bản sao giấy tờ", ["Bản sao giấy tờ"]));
        Assert.Equal(WorkflowState.AwaitingSupplement, driver.Workflow.StateOf(driver.State));
        Assert.Equal(step.Id, driver.Step!.Id);
        Assert.Equal([DossierAction.ProvideSupplement, DossierAction.Withdraw], driver.Permitted(DossierDriver.Owner));

        client.Next();

        Assert.Equal(WorkflowState.Step(step.Id), driver.Workflow.StateOf(driver.State));
        Assert.Equal(step.Assignee, driver.State.Assignee);
        Assert.Equal(startedBefore, driver.State.StepStartedAt);
        AssertExtended(procedure, driver, dueBefore);
        client.Run();
        Assert.Equal(DossierOutcome.Approved, driver.State.Outcome);
    }

    [Theory]
    [MemberData(nameof(Codes), MemberType = typeof(Catalogue))]
    public void a_supplement_asked_for_by_a_step_outcome_resumes_that_step(string code)
    {
        var procedure = Procedure(code);
        if (procedure.Steps.FirstOrDefault(s => s.Outcomes.Any(o => o.GoTo == StepOutcome.Supplement)) is not { } asking)
        {
            Assert.All(procedure.Steps, s => Assert.DoesNotContain(s.Outcomes, o => o.GoTo == StepOutcome.Supplement));
            return;
        }

        var driver = DossierDriver.FiledOnline(procedure);
        var asked = false;
        DateTimeOffset? dueBefore = null;
        var client = new FollowingClient(driver)
        {
            SupplementTakes = TimeSpan.FromDays(3),
            ChooseOutcome = step =>
            {
                if (step.Id == asking.Id && !asked)
                {
                    asked = true;
                    dueBefore = driver.State.DueAt;
                    return step.Outcomes.First(o => o.GoTo == StepOutcome.Supplement).Name;
                }

                return FollowingClient.ForwardOutcome(procedure, step);
            },
        };

        client.Run(s => s.Status == DossierStatus.AwaitingSupplement);
        Assert.NotNull(driver.State.ClockPausedAt);
        client.Next();

        Assert.Equal(WorkflowState.Step(asking.Id), driver.Workflow.StateOf(driver.State));
        AssertExtended(procedure, driver, dueBefore!.Value);
        client.Run();
        Assert.Equal(DossierStatus.ResultReturned, driver.State.Status);
    }

    [Theory]
    [MemberData(nameof(Codes), MemberType = typeof(Catalogue))]
    public void a_supplement_asked_for_before_receipt_starts_no_clock(string code)
    {
        var driver = DossierDriver.FiledOnline(Procedure(code));
        driver.Act(new RequestSupplement(driver.Reception, driver.Now, "Thiếu tờ khai", ["Tờ khai"]));
        Assert.Null(driver.State.ClockPausedAt);
        Assert.Contains(DossierAction.NotAccept, driver.Permitted(driver.Reception));
        Assert.DoesNotContain(DossierAction.Stop, driver.Permitted(driver.Leader));

        var client = new FollowingClient(driver);
        client.Next();

        Assert.Equal(WorkflowState.Submitted, driver.Workflow.StateOf(driver.State));
        client.Run();
        Assert.Equal(DossierStatus.ResultReturned, driver.State.Status);
    }

    [Theory]
    [MemberData(nameof(Level4Codes), MemberType = typeof(Catalogue))]
    public void a_level_4_dossier_is_paid_online_and_resumes_where_payment_was_asked(string code)
    {
        var procedure = Procedure(code);
        var driver = DossierDriver.FiledOnline(procedure);
        var client = new FollowingClient(driver);
        client.Run(s => s.Status == DossierStatus.Processing);
        var step = driver.Step!;
        var amount = procedure.Fees.Sum(f => f.AmountVnd) is > 0 and var fees ? fees : 50_000;
        var dueBefore = driver.State.DueAt!.Value;

        driver.Act(new RequestPayment(driver.Officer, driver.Now, amount));
        Assert.Equal(WorkflowState.AwaitingPayment, driver.Workflow.StateOf(driver.State));
        Assert.Equal([DossierAction.Pay, DossierAction.Withdraw], driver.Permitted(DossierDriver.Owner));
        driver.Wait(TimeSpan.FromDays(3));
        client.Next();

        Assert.Equal(WorkflowState.Step(step.Id), driver.Workflow.StateOf(driver.State));
        Assert.Equal(amount, driver.State.AmountPaid);
        Assert.True(driver.State.DueAt > dueBefore, "the pause for payment extends the due date");
        client.Run();
        Assert.Equal(DossierStatus.ResultReturned, driver.State.Status);
    }

    [Theory]
    [MemberData(nameof(Level4Codes), MemberType = typeof(Catalogue))]
    public void payment_may_be_asked_for_before_the_first_step_and_resumes_at_reception(string code)
    {
        var driver = DossierDriver.FiledOnline(Procedure(code));
        var client = new FollowingClient(driver);
        client.Run(s => s.Status == DossierStatus.Received);

        driver.Act(new RequestPayment(driver.Reception, driver.Now, 100_000));
        client.Next();

        Assert.Equal(WorkflowState.Received, driver.Workflow.StateOf(driver.State));
        client.Run();
        Assert.Equal(100_000, driver.State.AmountPaid);
    }

    [Theory]
    [MemberData(nameof(Codes), MemberType = typeof(Catalogue))]
    public void a_level_3_dossier_offers_no_online_payment(string code)
    {
        var procedure = Procedure(code);
        var workflow = ProcedureWorkflow.For(procedure);
        var payments = workflow.Transitions.Where(t => t.Trigger.Action is DossierAction.RequestPayment or DossierAction.Pay);
        if (procedure.Level == ServiceLevel.Level4)
        {
            Assert.NotEmpty(payments);
            return;
        }

        Assert.Empty(payments);
        Assert.DoesNotContain(WorkflowState.AwaitingPayment, workflow.States);
        var driver = DossierDriver.FiledOnline(procedure);
        new FollowingClient(driver).Run(s => s.Status == DossierStatus.Processing);
        var check = workflow.Check(DossierAction.RequestPayment, driver.State, driver.Officer);
        Assert.Equal(RefusalKind.NotInState, check.Refusal);
        Assert.Contains("level 3", check.Reason);
    }

    private static void AssertExtended(Procedure procedure, DossierDriver driver, DateTimeOffset dueBefore)
    {
        var due = driver.State.DueAt!.Value;
        if (procedure.SupplementPolicy == SupplementPolicy.Restart)
        {
            // The full period again from the supplement, which the driver handed in an hour ago.
            Assert.Equal(Calendar.DueAt(driver.Now.AddHours(-1), procedure.WorkingDays), due);
        }
        else
        {
            Assert.True(due > dueBefore, $"due {due:O} should move past {dueBefore:O}");
        }
    }

    /// <summary>Checks the current step against the state at every move of the happy path.</summary>
    private static bool CheckCurrentStep(DossierDriver driver)
    {
        var state = driver.State;
        var step = driver.Step;
        if (state.Status == DossierStatus.Processing)
        {
            Assert.NotNull(step);
            var definition = driver.Procedure.Step(state.CurrentStepId!);
            Assert.Equal(state.CurrentStepId, step.Id);
            Assert.Equal(definition.Name, step.Name);
            Assert.Equal(definition.Role, step.Role);
            Assert.Equal(definition.Agency ?? driver.Procedure.Agency, step.Agency);
            Assert.Equal(state.Assignee, step.Assignee);
            Assert.Equal(Calendar.DueAt(state.StepStartedAt!.Value, definition.WorkingDays), step.DueAt);
            Assert.Equal(step.Id == driver.Procedure.Steps[^1].Id, step.IsDecision);
        }
        else if (state.Status == DossierStatus.Received)
        {
            Assert.Equal(driver.Procedure.Steps[0].Id, step?.Id);
            Assert.Null(step!.DueAt);
        }
        else
        {
            Assert.Null(step);
        }

        return false;
    }

    /// <summary>The outcome (not a supplement) whose target is closest to <paramref name="target"/> in the step graph.</summary>
    private static string? Toward(Procedure procedure, CurrentStep step, string target)
    {
        if (step.Outcomes.Count == 0)
        {
            return null;
        }

        return step.Outcomes
            .Where(o => o.GoTo != StepOutcome.Supplement)
            .OrderBy(o => Distance(procedure, o.GoTo, target))
            .First().Name;
    }

    private static int Distance(Procedure procedure, string from, string to)
    {
        var distance = new Dictionary<string, int> { [from] = 0 };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var id))
        {
            if (id == to)
            {
                return distance[id];
            }

            var index = procedure.IndexOf(id);
            var step = procedure.Steps[index];
            var next = step.Outcomes.Count == 0
                ? index + 1 < procedure.Steps.Count ? [procedure.Steps[index + 1].Id] : []
                : step.Outcomes.Where(o => o.GoTo != StepOutcome.Supplement).Select(o => o.GoTo).ToList();
            foreach (var n in next.Where(n => distance.TryAdd(n, distance[id] + 1)))
            {
                queue.Enqueue(n);
            }
        }

        return int.MaxValue;
    }
}
