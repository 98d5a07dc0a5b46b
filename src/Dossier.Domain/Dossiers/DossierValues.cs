using Dossier.Domain.Procedures;

namespace Dossier.Domain.Dossiers;

/// <summary>How the dossier reached the agency; the numeric values are the national portal's channel codes.</summary>
public enum Channel
{
    InPerson = 1,
    Online = 2,
    Post = 3,
}

public static class ChannelExtensions
{
    public static int NationalCode(this Channel channel) => (int)channel;
}

public enum DossierOutcome
{
    Approved,
    Refused,
}

public enum Rating
{
    VerySatisfied,
    Satisfied,
    NotSatisfied,
}

public enum RatingCriterion
{
    OnTime,
    StaffAttitude,
    NumberOfVisits,
    OnlineServiceQuality,
}

/// <summary>The person or organisation the dossier is for (chủ hồ sơ).</summary>
public sealed record Applicant(string Name, string IdNumber, string? Phone = null, string? Email = null);

/// <summary>A document by name and the SHA-256 of its content (hex); the content itself is stored elsewhere.</summary>
public sealed record SubmittedDocument(string Name, string Sha256);

/// <summary>The procedure version a dossier runs under, as fixed when it was filed.</summary>
public sealed record ProcedureRef(
    string Code,
    int Version,
    string Name,
    string Agency,
    ServiceLevel Level,
    int WorkingDays,
    SupplementPolicy SupplementPolicy)
{
    public static ProcedureRef From(Procedure procedure) =>
        new(
            procedure.Code,
            procedure.Version,
            procedure.Name,
            procedure.Agency,
            procedure.Level,
            procedure.WorkingDays,
            procedure.SupplementPolicy);

    public bool Is(Procedure procedure) => procedure.Code == Code && procedure.Version == Version;
}
