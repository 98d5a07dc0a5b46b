using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Engine;

namespace Dossier.Workflows.Tests.Engine.Support;

/// <summary>
/// A client that knows nothing of the procedure: it looks at the permitted actions of the people involved and at
/// the current step (its role, unit, assignee and outcomes), and picks the next action by a simple policy.
/// </summary>
internal sealed class FollowingClient(DossierDriver driver)
{
    /// <summary>Which outcome to complete the current step with; by default the first that moves forward.</summary>
    public Func<CurrentStep, string?> ChooseOutcome { get; init; } = step => ForwardOutcome(driver.Procedure, step);

    /// <summary>Whether the leader approves (true) or refuses (false).</summary>
    public bool Approves { get; init; } = true;

    public TimeSpan SupplementTakes { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A hook run before each move; returning true means it acted itself.</summary>
    public Func<DossierDriver, bool>? Intervene { get; init; }

    public static string? ForwardOutcome(Procedure procedure, CurrentStep step)
    {
        if (step.Outcomes.Count == 0)
        {
            return null;
        }

        var here = procedure.IndexOf(step.Id);
        return step.Outcomes.FirstOrDefault(o => o.GoTo != StepOutcome.Supplement && procedure.IndexOf(o.GoTo) > here)?.Name
            ?? step.Outcomes.First(o => o.GoTo != StepOutcome.Supplement).Name;
    }

    /// <summary>Moves the dossier until its result is returned and rated (or <paramref name="until"/> holds).</summary>
    public DossierDriver Run(Func<DossierState, bool>? until = null)
    {
        until ??= s => s.Status == DossierStatus.ResultReturned && s.Rating is not null;
        for (var moves = 0; !until(driver.State); moves++)
        {
            Assert.True(moves < 60, "The client is going round in circles:\n" + string.Join("\n", driver.Log));
            if (Intervene?.Invoke(driver) == true)
            {
                continue;
            }

            Next();
        }

        return driver;
    }

    public void Next()
    {
        var d = driver;
        var now = d.Now;
        var step = d.Step;
        var handler = d.Handler;
        if (d.May(d.Reception, DossierAction.Receive))
        {
            d.Act(new Receive(d.Reception, now));
        }
        else if (d.May(DossierDriver.Owner, DossierAction.ProvideSupplement))
        {
            d.Wait(SupplementTakes);
            d.Act(new ProvideSupplement(DossierDriver.Owner, d.Now, [new SubmittedDocument("Bổ sung.pdf", new string('b', 64))]));
        }
        else if (d.May(DossierDriver.Owner, DossierAction.Pay))
        {
            d.Act(new Pay(DossierDriver.Owner, now, d.State.AmountDue!.Value, "VNPAY-0001"));
        }
        else if (step is not null && handler is not null && step.Assignee is null && Assigner(step) is { } assigner)
        {
            d.Act(new Assign(assigner, now, handler.PersonId));
        }
        else if (handler is not null && d.May(handler, DossierAction.CompleteStep))
        {
            var outcome = ChooseOutcome(step!);
            d.Act(new CompleteStep(handler, now, DossierDriver.Opinion, outcome));
        }
        else if (handler is not null && d.May(handler, Approves ? DossierAction.Approve : DossierAction.Refuse))
        {
            d.Act(Approves ? new Approve(handler, now) : new Refuse(handler, now, "Không đủ điều kiện theo quy định"));
        }
        else if (d.May(DossierDriver.Owner, DossierAction.ReturnResult))
        {
            d.Act(new ReturnResult(DossierDriver.Owner, now, ResultDelivery.Online));
        }
        else if (d.May(d.Reception, DossierAction.ReturnResult))
        {
            d.Act(new ReturnResult(d.Reception, now, d.Procedure.ResultDeliveries.First(m => m != ResultDelivery.Online)));
        }
        else if (d.May(DossierDriver.Owner, DossierAction.Rate))
        {
            d.Act(new Rate(DossierDriver.Owner, now, Rating.VerySatisfied));
        }
        else
        {
            Assert.Fail($"Nothing to do at {d.Workflow.StateOf(d.State)}:\n" + string.Join("\n", d.Log));
        }
    }

    /// <summary>Who assigns the step: a leader of the step's unit, else its reception.</summary>
    private Actor? Assigner(CurrentStep step) =>
        new[] { DossierDriver.Staff(Role.Leader, step.Agency), DossierDriver.Staff(Role.Reception, step.Agency) }
            .FirstOrDefault(a => driver.May(a, DossierAction.Assign));
}
