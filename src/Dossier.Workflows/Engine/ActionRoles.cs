using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;

namespace Dossier.Workflows.Engine;

/// <summary>
/// The roles that may ever take each action (API.md § 3). The workflow narrows this down per state: which unit,
/// which person (owner, assignee), which step.
/// </summary>
public static class ActionRoles
{
    private static readonly IReadOnlyDictionary<DossierAction, Role[]> Roles = new Dictionary<DossierAction, Role[]>
    {
        [DossierAction.Receive] = [Role.Reception],
        [DossierAction.NotAccept] = [Role.Reception],
        [DossierAction.RequestSupplement] = [Role.Reception, Role.Officer],
        [DossierAction.ProvideSupplement] = [Role.Citizen, Role.Reception],
        [DossierAction.Assign] = [Role.Reception, Role.Leader],

        // A step's role says who completes it: most steps are an officer's, some (a review, a submission) a leader's.
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

    /// <summary>The role's name as the API writes it.</summary>
    internal static string Named(this Role role) => role.ToString().ToLowerInvariant();
}
