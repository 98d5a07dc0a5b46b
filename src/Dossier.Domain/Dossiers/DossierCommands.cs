using Dossier.Domain.Access;
using Dossier.Domain.Procedures;

namespace Dossier.Domain.Dossiers;

/// <summary>An intention towards a dossier: who asks (<see cref="By"/>) and the current time (<see cref="Now"/>).</summary>
public interface IDossierCommand
{
    Actor By { get; }

    DateTimeOffset Now { get; }
}

/// <summary>A citizen submits online; the code was allocated by the caller for the receiving unit and day.</summary>
public sealed record FileOnline(
    Actor By,
    DateTimeOffset Now,
    DossierCode Code,
    Applicant Applicant,
    string? Summary,
    IReadOnlyList<SubmittedDocument> Documents,
    IReadOnlyDictionary<string, string>? FormData = null) : IDossierCommand;

/// <summary>Reception files a dossier brought in person or by post and receives it at once.</summary>
public sealed record FileDirect(
    Actor By,
    DateTimeOffset Now,
    DossierCode Code,
    Channel Channel,
    Applicant Applicant,
    string? Summary,
    IReadOnlyList<SubmittedDocument> Documents,
    IReadOnlyDictionary<string, string>? FormData = null) : IDossierCommand;

public sealed record Receive(Actor By, DateTimeOffset Now) : IDossierCommand;

public sealed record NotAccept(Actor By, DateTimeOffset Now, string Reason) : IDossierCommand;

public sealed record RequestSupplement(Actor By, DateTimeOffset Now, string Reason, IReadOnlyList<string> Items)
    : IDossierCommand;

public sealed record ProvideSupplement(Actor By, DateTimeOffset Now, IReadOnlyList<SubmittedDocument> Documents)
    : IDossierCommand;

/// <param name="StepId">Null: the first step when processing starts, the current step otherwise.</param>
public sealed record Assign(Actor By, DateTimeOffset Now, string Assignee, string? StepId = null) : IDossierCommand;

public sealed record CompleteStep(Actor By, DateTimeOffset Now, string? Opinion = null, string? Outcome = null)
    : IDossierCommand;

public sealed record RequestPayment(Actor By, DateTimeOffset Now, long AmountVnd) : IDossierCommand;

public sealed record Pay(Actor By, DateTimeOffset Now, long AmountVnd, string Reference) : IDossierCommand;

public sealed record Approve(Actor By, DateTimeOffset Now, IReadOnlyList<SubmittedDocument>? ResultDocuments = null)
    : IDossierCommand;

public sealed record Refuse(Actor By, DateTimeOffset Now, string Reason) : IDossierCommand;

public sealed record IssueApology(Actor By, DateTimeOffset Now, string Reason, DateTimeOffset NewDueAt)
    : IDossierCommand;

public sealed record ReturnResult(Actor By, DateTimeOffset Now, ResultDelivery Method) : IDossierCommand;

public sealed record Withdraw(Actor By, DateTimeOffset Now, string? Reason = null) : IDossierCommand;

public sealed record Stop(Actor By, DateTimeOffset Now, string Reason) : IDossierCommand;

public sealed record Rate(
    Actor By,
    DateTimeOffset Now,
    Rating Rating,
    string? Comment = null,
    IReadOnlyDictionary<RatingCriterion, Rating>? Criteria = null) : IDossierCommand;

/// <summary>
/// The SLA engine records that a reminder fell due. Refused when already recorded, when the dossier is no longer
/// under a running clock, or when the due time it is about has moved (a stale trigger does nothing).
/// </summary>
public sealed record RecordReminder(Actor By, DateTimeOffset Now, ReminderKind Kind, DateTimeOffset DueAt, string? StepId = null)
    : IDossierCommand;
