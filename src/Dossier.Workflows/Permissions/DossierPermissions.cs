using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Engine;

namespace Dossier.Workflows.Permissions;

/// <summary>
/// Who may take which action on a dossier now: a façade over the procedure's compiled workflow
/// (<see cref="ProcedureWorkflow"/>), whose guards check role, unit, person and the dossier's state, and whose
/// consistency with the decider is tested for every shipped procedure.
/// </summary>
public static class DossierPermissions
{
    public static bool RoleMay(Role role, DossierAction action) => ActionRoles.RoleMay(role, action);

    public static IReadOnlyList<Role> RolesFor(DossierAction action) => ActionRoles.RolesFor(action);

    /// <inheritdoc cref="ActionRoles.MayReturnBy"/>
    public static bool MayReturnBy(Role role, ResultDelivery method) => ActionRoles.MayReturnBy(role, method);

    /// <summary>
    /// Whether the caller may see the dossier at all: its applicant, staff of a unit the procedure involves,
    /// and auditors. Anyone else is told the dossier does not exist.
    /// </summary>
    public static bool CanSee(Actor caller, DossierState state, Procedure procedure) =>
        ProcedureWorkflow.For(procedure).CanSee(state, caller);

    public static bool Involves(Procedure procedure, string? agency)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return agency is not null && (procedure.Agency == agency || procedure.Steps.Any(s => s.Agency == agency));
    }

    /// <summary>
    /// The actions the caller could take now, in the order of <see cref="DossierAction"/>. The workflow's answer
    /// depends on neither the time nor the calendar; the parameters stay for the callers' sake.
    /// </summary>
    public static IReadOnlyList<DossierAction> Permitted(
        DossierState state, Procedure procedure, Actor caller, DateTimeOffset now, IWorkingCalendar calendar) =>
        ProcedureWorkflow.For(procedure).Permitted(state, caller);

    /// <inheritdoc cref="ProcedureWorkflow.Check"/>
    public static ActionCheck Check(DossierAction action, DossierState state, Procedure procedure, Actor caller) =>
        ProcedureWorkflow.For(procedure).Check(action, state, caller);

    /// <inheritdoc cref="ProcedureWorkflow.CurrentStep"/>
    public static CurrentStep? CurrentStep(DossierState state, Procedure procedure, IWorkingCalendar calendar) =>
        ProcedureWorkflow.For(procedure).CurrentStep(state, calendar);
}
