using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dossier.Api.Auth;

public sealed record DevTokenRequest(string? Sub, string? Role, string? Agency, string? Name);

public sealed record DevTokenResponse(string Token);

/// <summary>Signs tokens for development and tests; the endpoint exists only with Auth:DevTokens.</summary>
public sealed class DevTokenIssuer(SigningKey key, IOptions<AuthOptions> options, TimeProvider clock)
{
    public string Issue(string sub, Domain.Access.Role role, string? agency, string? name)
    {
        var claims = new List<Claim> { new(DossierClaims.Subject, sub), new(DossierClaims.Role, role.Wire()) };
        if (agency is not null)
        {
            claims.Add(new Claim(DossierClaims.Agency, agency));
        }

        if (name is not null)
        {
            claims.Add(new Claim(DossierClaims.Name, name));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Value.DevTokenLifetime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
    }
}

public static class DevTokenApi
{
    public static void MapDevTokenApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/auth/dev-token", Issue)
            .AllowAnonymous()
            .WithTags("Authentication")
            .WithSummary("Issues a signed token for development and tests (only with Auth:DevTokens).");
    }

    private static IResult Issue(DevTokenRequest request, DevTokenIssuer issuer)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Sub) || request.Sub.Length > 100)
        {
            errors["sub"] = ["sub is required (at most 100 characters)."];
        }

        if (!DossierClaims.TryParseRole(request.Role, out var role))
        {
            errors["role"] = ["role must be one of citizen, reception, officer, leader, auditor, admin."];
        }
        else if (role is Domain.Access.Role.Reception or Domain.Access.Role.Officer or Domain.Access.Role.Leader
                 && string.IsNullOrWhiteSpace(request.Agency))
        {
            errors["agency"] = ["Staff roles act for a unit: agency is required."];
        }

        if (errors.Count > 0)
        {
            throw Problems.ProblemException.Validation(errors);
        }

        return TypedResults.Ok(new DevTokenResponse(issuer.Issue(request.Sub!, role, request.Agency, request.Name)));
    }
}
