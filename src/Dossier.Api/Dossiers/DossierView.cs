using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Projections.Dossiers;

namespace Dossier.Api.Dossiers;

public sealed record CurrentStepView(string Id, string Name, string Role, string Agency, string? Assignee, DateTimeOffset? DueAt);

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
    public static DossierView From(DossierSummary summary, Procedure procedure, IReadOnlyList<DossierAction> permitted)
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
            StepOf(state, procedure),
            state.Status == DossierStatus.AwaitingPayment ? state.AmountDue : null,
            state.ApologyIssued,
            summary.Version,
            permitted.Select(a => a.Name()).ToList(),
            state.Rating is { } rating ? Camel(rating.ToString()) : null);
    }

    private static CurrentStepView? StepOf(DossierState state, Procedure procedure)
    {
        if (state.Status != DossierStatus.Processing || state.CurrentStepId is not { } id || procedure.IndexOf(id) < 0)
        {
            return null;
        }

        var step = procedure.Step(id);
        return new CurrentStepView(id, step.Name, Camel(step.Role.ToString()), step.Agency ?? procedure.Agency, state.Assignee, null);
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
