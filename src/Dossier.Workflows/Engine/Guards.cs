using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;

namespace Dossier.Workflows.Engine;

/// <summary>What a guard looks at: the dossier, and the caller — null when only the state-related part is asked.</summary>
internal sealed record Evaluation(DossierState Dossier, Actor? Caller, WorkflowState At);

internal readonly record struct Refusal(RefusalKind Kind, string Reason);

/// <summary>
/// A condition on a transition. <see cref="Description"/> is the Stateless guard description (shown in the diagram);
/// <see cref="Test"/> gives the refusal with a reason that names the values involved.
/// </summary>
internal sealed class Guard(string description, bool aboutCaller, Func<Evaluation, Refusal?> test)
{
    public string Description { get; } = description;

    /// <summary>About who acts (role, unit, person) rather than about the dossier's state.</summary>
    public bool AboutCaller { get; } = aboutCaller;

    public Refusal? Test(Evaluation evaluation) => AboutCaller && evaluation.Caller is null ? null : test(evaluation);

    public bool Passes(Evaluation evaluation) => Test(evaluation) is null;

    public static Guard Fact(string description, Func<DossierState, string?> refusal) =>
        new(description, false, e => refusal(e.Dossier) is { } reason ? new Refusal(RefusalKind.NotInState, reason) : null);

    /// <summary>One guard for the parties who may act, at most one per role; a caller of another role is refused for the role.</summary>
    public static Guard Who(DossierAction action, string where, params Party[] parties)
    {
        var description = string.Join(" or ", parties.Select(p => p.Description));
        return new Guard(description, true, e =>
        {
            var caller = e.Caller!;
            var party = parties.FirstOrDefault(p => p.Role == caller.Role);
            return party is null
                ? new Refusal(RefusalKind.Role, $"{action.Name()}{where} is for the {description}; you act as {caller.Role.Named()}.")
                : party.Test(e, caller);
        });
    }
}

/// <summary>Who may act in one role, and what else is asked of them (the unit they act for, being the applicant or the assignee).</summary>
internal sealed record Party(Role Role, string Description, Func<Evaluation, Actor, Refusal?> Test)
{
    public static Party Staff(Role role, string agency, bool ownAgency, DossierAction action, string where) =>
        new(role, role.Named() + Of(agency, ownAgency), (_, caller) => WrongAgency(caller, role, agency, action, where));

    /// <param name="unassignedMayAct">Anyone of the role and unit may act while the step has no assignee.</param>
    public static Party Assignee(Role role, string agency, bool ownAgency, string stepId, DossierAction action, bool unassignedMayAct) =>
        new(
            role,
            (unassignedMayAct ? $"{role.Named()} (the assignee, if any)" : $"assigned {role.Named()}") + Of(agency, ownAgency),
            (e, caller) =>
            {
                if (WrongAgency(caller, role, agency, action, $" at step '{stepId}'") is { } wrongAgency)
                {
                    return wrongAgency;
                }

                var assignee = e.Dossier.Assignee;
                if (assignee == caller.PersonId || (assignee is null && unassignedMayAct))
                {
                    return null;
                }

                return new Refusal(
                    RefusalKind.NotAssignee,
                    assignee is null
                        ? $"Step '{stepId}' has no assignee yet; assign it before you {action.Name()}."
                        : $"{action.Name()} is for the assignee of step '{stepId}' ({assignee}).");
            });

    public static Party Applicant(DossierAction action) =>
        new(Role.Citizen, "applicant", (e, caller) => IsApplicant(e.Dossier, caller)
            ? null
            : new Refusal(RefusalKind.NotOwner, $"Only the applicant of dossier {e.Dossier.Code} may {action.Name()} it."));

    /// <summary>
    /// The citizen who filed online, or for a dossier filed at the desk (no owner) the citizen whose person id is the
    /// applicant's ID number — the same rule as the decider's.
    /// </summary>
    public static bool IsApplicant(DossierState dossier, Actor caller) =>
        caller.Role == Role.Citizen
        && (dossier.OwnerId is not null ? caller.PersonId == dossier.OwnerId : caller.PersonId == dossier.Applicant?.IdNumber);

    private static string Of(string agency, bool ownAgency) => ownAgency ? string.Empty : $" of {agency}";

    private static Refusal? WrongAgency(Actor caller, Role role, string agency, DossierAction action, string where) =>
        caller.Agency == agency
            ? null
            : new Refusal(
                RefusalKind.WrongAgency,
                $"{action.Name()}{where} is for the {role.Named()} of {agency}; you act for {caller.Agency ?? "no unit"}.");
}
