using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;

namespace Dossier.Workflows.Permissions;

/// <summary>
/// Who may take which action on a dossier now. The roles come from the API contract; whether the
/// dossier's state allows the action is asked of the decider itself, so the list of permitted actions
/// can never disagree with what a command would do.
/// </summary>
public static class DossierPermissions
{
    private static readonly IReadOnlyDictionary<DossierAction, Role[]> Roles = new Dictionary<DossierAction, Role[]>
    {
        [DossierAction.Receive] = [Role.Reception],
        [DossierAction.NotAccept] = [Role.Reception],
        [DossierAction.RequestSupplement] = [Role.Reception, Role.Officer],
        [DossierAction.ProvideSupplement] = [Role.Citizen, Role.Reception],
        [DossierAction.Assign] = [Role.Reception, Role.Leader],
        [DossierAction.CompleteStep] = [Role.Officer, Role.Leader],
        [DossierAction.RequestPayment] = [Role.Officer, Role.Reception],
        [DossierAction.Pay] = [Role.Citizen],
        [DossierAction.Approve] = [Role.Leader],
        [DossierAction.Refuse] = [Role.Leader],
        [DossierAction.IssueApology] = [Role.Officer, Role.Leader],
        [DossierAction.ReturnResult] = [Role.Reception, Role.Citizen],
        [DossierAction.Withdraw] = [Role.Citizen],
        [DossierAction.Stop] = [Role.Leader],
        [DossierAction.Rate] = [Role.Citizen],
    };

    public static bool RoleMay(Role role, DossierAction action) => Roles[action].Contains(role);

    public static IReadOnlyList<Role> RolesFor(DossierAction action) => Roles[action];

    /// <summary>
    /// Reception hands results over at the desk or by post; an online result is released by the system
    /// or when its citizen downloads it (API.md section 3).
    /// </summary>
    public static bool MayReturnBy(Role role, ResultDelivery method) =>
        role == Role.Citizen ? method == ResultDelivery.Online : role == Role.Reception && method != ResultDelivery.Online;

    /// <summary>
    /// Whether the caller may see the dossier at all: its owner, staff of a unit the procedure involves,
    /// and auditors. Anyone else is told the dossier does not exist.
    /// </summary>
    public static bool CanSee(Actor caller, DossierState state, Procedure procedure) => caller.Role switch
    {
        Role.Citizen => state.OwnerId == caller.PersonId,
        Role.Auditor => true,
        Role.Reception or Role.Officer or Role.Leader => Involves(procedure, caller.Agency),
        _ => false,
    };

    public static bool Involves(Procedure procedure, string? agency) =>
        agency is not null && (procedure.Agency == agency || procedure.Steps.Any(s => s.Agency == agency));

    /// <summary>The actions the caller could take now, in the order of <see cref="DossierAction"/>.</summary>
    public static IReadOnlyList<DossierAction> Permitted(
        DossierState state, Procedure procedure, Actor caller, DateTimeOffset now, IWorkingCalendar calendar)
    {
        if (!CanSee(caller, state, procedure))
        {
            return [];
        }

        var context = new DecisionContext(procedure, calendar);
        return Enum.GetValues<DossierAction>()
            .Where(action => RoleMay(caller.Role, action))
            .Where(action => Probes(action, state, procedure, caller, now)
                .Any(probe => DossierDecider.Decide(state, probe, context).IsAccepted))
            .ToList();
    }

    /// <summary>Commands with plausible arguments, one per way the action could be taken.</summary>
    private static IEnumerable<IDossierCommand> Probes(
        DossierAction action, DossierState state, Procedure procedure, Actor by, DateTimeOffset now)
    {
        const string reason = "?";
        SubmittedDocument[] documents = [new("?", new string('0', 64))];
        switch (action)
        {
            case DossierAction.Receive: yield return new Receive(by, now); break;
            case DossierAction.NotAccept: yield return new NotAccept(by, now, reason); break;
            case DossierAction.RequestSupplement: yield return new RequestSupplement(by, now, reason, [reason]); break;
            case DossierAction.ProvideSupplement: yield return new ProvideSupplement(by, now, documents); break;
            case DossierAction.Assign: yield return new Assign(by, now, by.PersonId); break;
            case DossierAction.CompleteStep:
                var outcomes = state.CurrentStepId is { } step && procedure.IndexOf(step) >= 0 ? procedure.Step(step).Outcomes : [];
                yield return new CompleteStep(by, now, null, outcomes.FirstOrDefault()?.Name);
                break;
            case DossierAction.RequestPayment: yield return new RequestPayment(by, now, 1); break;
            case DossierAction.Pay: yield return new Pay(by, now, state.AmountDue ?? 1, reason); break;
            case DossierAction.Approve: yield return new Approve(by, now); break;
            case DossierAction.Refuse: yield return new Refuse(by, now, reason); break;
            case DossierAction.IssueApology:
                var later = (state.DueAt is { } due && due > now ? due : now).AddDays(1);
                yield return new IssueApology(by, now, reason, later);
                break;
            case DossierAction.ReturnResult:
                foreach (var method in procedure.ResultDeliveries.Where(m => MayReturnBy(by.Role, m)))
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
}
