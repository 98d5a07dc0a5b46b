using Dossier.Domain.Dossiers;

namespace Dossier.Workflows.Engine;

/// <summary>Why the workflow refuses an action; the comments give the HTTP status the API answers with.</summary>
public enum RefusalKind
{
    /// <summary>The caller may not see the dossier at all (404, as for a dossier that does not exist).</summary>
    NotVisible,

    /// <summary>The caller's role never takes this action, or not at this step (403).</summary>
    Role,

    /// <summary>A citizen acting on a dossier that is not theirs (403).</summary>
    NotOwner,

    /// <summary>Someone other than the current step's assignee (403).</summary>
    NotAssignee,

    /// <summary>Staff of a unit that does not act at this point: not the procedure's agency, or not the step's (403).</summary>
    WrongAgency,

    /// <summary>The dossier's state does not allow the action for anyone (409).</summary>
    NotInState,
}

/// <summary>The workflow's answer to "may this caller take this action now?".</summary>
public sealed record ActionCheck(DossierAction Action, RefusalKind? Refusal, string? Reason)
{
    public bool IsAllowed => Refusal is null;

    public static ActionCheck Allowed(DossierAction action) => new(action, null, null);

    public static ActionCheck Refused(DossierAction action, RefusalKind kind, string reason) => new(action, kind, reason);

    public override string ToString() => IsAllowed ? $"{Action.Name()}: allowed" : $"{Action.Name()}: {Refusal} — {Reason}";
}
