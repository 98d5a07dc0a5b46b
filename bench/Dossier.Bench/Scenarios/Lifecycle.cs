using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Definitions;

namespace Dossier.Bench.Scenarios;

/// <summary>The people who take a dossier through its life.</summary>
public enum Who
{
    Citizen,
    Reception,
    Officer,
    Leader,
}

/// <summary>What the driver reads from a dossier after each command: from the HTTP response, a DossierView or the state.</summary>
public sealed record ViewInfo(
    string Code,
    string Status,
    long Version,
    string? StepId,
    string? StepAssignee,
    long? AmountDue,
    IReadOnlyList<string> Permitted,
    string? Rating);

/// <summary>The next command: who takes which action, with what.</summary>
public sealed record NextCommand(Who Who, DossierAction Action, string? Assignee = null, string? Outcome = null, long? Amount = null,
    ResultDelivery? Method = null)
{
    public const long Fee = 50_000;
    public const string Opinion = "Hồ sơ đủ điều kiện, đề nghị chuyển bước tiếp theo.";
    public const string PaymentReference = "BENCH-PAY";
}

/// <summary>A procedure the driver can take from submission to rating without leaving its agency.</summary>
public sealed record BenchProcedure(Procedure Procedure, IReadOnlyDictionary<string, string?> ForwardOutcome)
{
    public const string DefaultLevel3 = "1.000894";
    public const string DefaultLevel4 = "1.004873";

    public string Code => Procedure.Code;

    public bool Level4 => Procedure.Level == ServiceLevel.Level4;

    public string Agency => Procedure.Agency;

    /// <summary>Commands of one whole lifecycle: submit, receive, (request-payment, pay,) one assign and one complete per non-final step, approve, return, rate.</summary>
    public int CommandsPerDossier => 2 + (Level4 ? 2 : 0) + (2 * (Procedure.Steps.Count - 1)) + 3;

    public static BenchProcedure Load(string code)
    {
        var definition = ShippedCatalogue.Procedures().FirstOrDefault(p => p.Code == code)
            ?? throw new InvalidOperationException($"Procedure {code} is not in the shipped catalogue.");
        var procedure = definition.ToProcedure(1);
        var forward = new Dictionary<string, string?>();
        for (var i = 0; i < procedure.Steps.Count; i++)
        {
            var step = procedure.Steps[i];
            if (step.Agency is not null && step.Agency != procedure.Agency)
            {
                throw new InvalidOperationException($"Procedure {code}: step {step.Id} is done by another unit; pick a single-unit procedure.");
            }

            if (step.Outcomes.Count == 0)
            {
                forward[step.Id] = null;
                continue;
            }

            var onward = step.Outcomes.FirstOrDefault(o => procedure.IndexOf(o.GoTo) > i)
                ?? throw new InvalidOperationException($"Procedure {code}: step {step.Id} has no outcome that moves forward.");
            forward[step.Id] = onward.Name;
        }

        if (procedure.Steps.Count == 0 || procedure.Steps[^1].Role != Role.Leader)
        {
            throw new InvalidOperationException($"Procedure {code}: the last step must be the leader's decision.");
        }

        return new BenchProcedure(procedure, forward);
    }
}

/// <summary>Chooses the next command from what the last response showed: the straight road to a rated result.</summary>
public static class LifecyclePolicy
{
    public const string Submit = "submit";

    public static string PersonOf(Who who, int worker) => who switch
    {
        Who.Citizen => Citizen(worker),
        Who.Reception => "mc-bench",
        Who.Officer => "cv-bench",
        Who.Leader => "ct-bench",
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    /// <summary>A 12-digit citizen identity number per worker.</summary>
    public static string Citizen(int worker) => $"07920100{worker:D4}";

    public static Actor Actor(Who who, int worker, string agency) => who switch
    {
        Who.Citizen => new Actor(Citizen(worker), Role.Citizen, null),
        Who.Reception => new Actor(PersonOf(who, worker), Role.Reception, agency),
        Who.Officer => new Actor(PersonOf(who, worker), Role.Officer, agency),
        Who.Leader => new Actor(PersonOf(who, worker), Role.Leader, agency),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    /// <summary>Null when the dossier is done (rated).</summary>
    public static NextCommand? Next(ViewInfo view, BenchProcedure procedure, bool paid)
    {
        var p = procedure.Procedure;
        switch (view.Status)
        {
            case "submitted":
                return new NextCommand(Who.Reception, DossierAction.Receive);
            case "received" when procedure.Level4 && !paid:
                return new NextCommand(Who.Reception, DossierAction.RequestPayment, Amount: NextCommand.Fee);
            case "received":
                return new NextCommand(Who.Reception, DossierAction.Assign, Assignee: PersonOf(StepWho(p.Steps[0]), 0));
            case "awaitingPayment":
                return new NextCommand(Who.Citizen, DossierAction.Pay, Amount: view.AmountDue ?? NextCommand.Fee);
            case "processing":
                var stepId = view.StepId ?? throw new InvalidOperationException($"Dossier {view.Code} is processing without a current step.");
                var index = p.IndexOf(stepId);
                var step = p.Steps[index];
                if (index == p.Steps.Count - 1)
                {
                    return new NextCommand(Who.Leader, DossierAction.Approve);
                }

                return view.StepAssignee is null
                    ? new NextCommand(Who.Reception, DossierAction.Assign, Assignee: PersonOf(StepWho(step), 0))
                    : new NextCommand(StepWho(step), DossierAction.CompleteStep, Outcome: procedure.ForwardOutcome[stepId]);
            case "decided":
                return procedure.Level4
                    ? new NextCommand(Who.Citizen, DossierAction.ReturnResult, Method: ResultDelivery.Online)
                    : new NextCommand(Who.Reception, DossierAction.ReturnResult, Method: ResultDelivery.InPerson);
            case "resultReturned" when view.Rating is null:
                return new NextCommand(Who.Citizen, DossierAction.Rate);
            case "resultReturned":
                return null;
            default:
                throw new InvalidOperationException($"Dossier {view.Code} is {view.Status}: the benchmark's straight road does not go there.");
        }
    }

    public static ViewInfo FromState(DossierState state, long version) => new(
        state.Code.ToString(),
        Camel(state.Status.ToString()),
        version,
        state.Status == DossierStatus.Processing ? state.CurrentStepId : null,
        state.Assignee,
        state.Status == DossierStatus.AwaitingPayment ? state.AmountDue : null,
        [],
        state.Rating is { } rating ? Camel(rating.ToString()) : null);

    private static Who StepWho(ProcedureStep step) => step.Role == Role.Leader ? Who.Leader : Who.Officer;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
