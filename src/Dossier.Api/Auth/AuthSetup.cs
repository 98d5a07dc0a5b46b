using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Dossier.Api.Auth;

public sealed class SigningKey(SymmetricSecurityKey key)
{
    public SymmetricSecurityKey Key { get; } = key;

    public static SigningKey From(AuthOptions options) => new(new SymmetricSecurityKey(
        string.IsNullOrWhiteSpace(options.SigningKey)
            ? RandomNumberGenerator.GetBytes(32)
            : Convert.FromBase64String(options.SigningKey)));
}

public static class AuthSetup
{
    public static IServiceCollection AddDossierAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        var signingKey = SigningKey.From(options);
        services.AddSingleton(signingKey);
        services.AddSingleton<DevTokenIssuer>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = signingKey.Key,
                    NameClaimType = DossierClaims.Name,
                    RoleClaimType = DossierClaims.Role,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
            });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TimeProvider>((jwt, clock) => jwt.TokenValidationParameters.LifetimeValidator =
                (notBefore, expires, _, _) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    return (notBefore is null || notBefore <= now.AddMinutes(1)) && (expires is null || expires > now.AddMinutes(-1));
                });
        services.AddAuthorization(Policies.Register);
        return services;
    }

    public static bool DevTokensEnabled(this IConfiguration configuration) =>
        configuration.GetValue<bool>($"{AuthOptions.Section}:{nameof(AuthOptions.DevTokens)}");
}
