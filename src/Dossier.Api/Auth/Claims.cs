using System.Security.Claims;
using Dossier.Domain.Access;

namespace Dossier.Api.Auth;

public static class DossierClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Agency = "agency";
    public const string Name = "name";

    public static string Wire(this Role role) => role.ToString().ToLowerInvariant();

    public static bool TryParseRole(string? value, out Role role)
    {
        role = default;
        return value is not null
            && value.All(char.IsAsciiLetterLower)
            && Enum.TryParse(value, ignoreCase: true, out role);
    }

    /// <summary>The authenticated caller as the domain sees them.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var sub = user.FindFirstValue(Subject) ?? throw new InvalidOperationException("Authenticated caller without sub.");
        if (!TryParseRole(user.FindFirstValue(Role), out var role))
        {
            throw new InvalidOperationException("Authenticated caller without a known role.");
        }

        return new Actor(sub, role, user.FindFirstValue(Agency));
    }
}
