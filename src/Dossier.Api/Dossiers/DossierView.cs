using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Projections.Dossiers;
using Dossier.Workflows.Engine;

namespace Dossier.Api.Dossiers;

public sealed record CurrentStepView(
    string Id, string Name, string Role, string Agency, string? Assignee, DateTimeOffset? StartedAt, DateTimeOffset? DueAt,
    int WorkingDays, bool IsDecision, IReadOnlyList<string> Outcomes);

public sealed record ApplicantView(string Name, string IdNumber, string? Phone, string? Email);

/// <summary>The dossier as API.md section 4 shows it to one caller.</summary>
public sealed record DossierView(
    string Code,
    string ProcedureCode,
    int ProcedureVersion,
    string ProcedureName,
    int Level,
    string Channel,
    string Status,
    int NationalStatusCode,
    ApplicantView Applicant,
    string Agency,
    DateTimeOffset? FiledAt,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? OriginalDueAt,
    DateTimeOffset? ResolvedAt,
    string? Outcome,
    CurrentStepView? CurrentStep,
    long? AmountDue,
    bool ApologyIssued,
    long Version,
    IReadOnlyList<string> PermittedActions,
    string? Rating)
{
    public static DossierView From(DossierSummary summary, Procedure procedure, IReadOnlyList<DossierAction> permitted, CurrentStep? step)
    {
        var state = summary.State;
        var procedureRef = state.Procedure!;
        return new DossierView(
            summary.Id,
            procedureRef.Code,
            procedureRef.Version,
            procedureRef.Name,
            (int)procedureRef.Level,
            Camel(state.Channel.ToString()),
            Camel(state.Status.ToString()),
            state.NationalStatusCode,
            new ApplicantView(state.Applicant!.Name, state.Applicant.IdNumber, state.Applicant.Phone, state.Applicant.Email),
            procedureRef.Agency,
            state.FiledAt,
            state.ReceivedAt,
            state.DueAt,
            state.OriginalDueAt,
            state.ResolvedAt,
            state.Outcome is { } outcome ? Camel(outcome.ToString()) : null,
            step is null
                ? null
                : new CurrentStepView(step.Id, step.Name, Camel(step.Role.ToString()), step.Agency, step.Assignee, step.StartedAt, step.DueAt,
                    step.WorkingDays, step.IsDecision, step.Outcomes.Select(o => o.Name).ToList()),
            state.Status == DossierStatus.AwaitingPayment ? state.AmountDue : null,
            state.ApologyIssued,
            summary.Version,
            permitted.Select(a => a.Name()).ToList(),
            state.Rating is { } rating ? Camel(rating.ToString()) : null);
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
