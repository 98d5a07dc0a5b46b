using System.Text.Json.Serialization;

namespace Dossier.Domain.Access;

public enum Role
{
    Citizen,
    Reception,
    Officer,
    Leader,
    Auditor,
    Admin,
}

/// <summary>Who acts: the person, the role they act in and, for staff, the unit they act for.</summary>
public sealed record Actor(string PersonId, Role Role, string? Agency)
{
    [JsonIgnore]
    public bool IsStaff => Role is Role.Reception or Role.Officer or Role.Leader;
}
