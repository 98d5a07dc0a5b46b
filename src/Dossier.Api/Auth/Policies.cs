using Dossier.Domain.Access;
using Microsoft.AspNetCore.Authorization;

namespace Dossier.Api.Auth;

/// <summary>The named authorisation rules; every endpoint names one of them (or is public on purpose).</summary>
public static class Policies
{
    public const string AnyCaller = "any-caller";
    public const string Citizen = "citizen";
    public const string Reception = "reception";
    public const string Staff = "staff";
    public const string DossierReaders = "dossier-readers";
    public const string StaffOrAuditor = "staff-or-auditor";
    public const string Actors = "dossier-actors";
    public const string Admin = "admin";
    public const string StatisticsReaders = "statistics-readers";
    public const string Auditor = "auditor";
    public const string AuditorOrAdmin = "auditor-or-admin";

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(AnyCaller, p => p.RequireAuthenticatedUser().RequireClaim(DossierClaims.Role));
        options.AddPolicy(Citizen, p => p.RequireClaim(DossierClaims.Role, Role.Citizen.Wire()));
        options.AddPolicy(Reception, p => StaffOf(p, Role.Reception));
        options.AddPolicy(Staff, p => StaffOf(p, Role.Reception, Role.Officer, Role.Leader));
        options.AddPolicy(DossierReaders, p => p.RequireClaim(
            DossierClaims.Role,
            Role.Citizen.Wire(), Role.Reception.Wire(), Role.Officer.Wire(), Role.Leader.Wire(), Role.Auditor.Wire()));
        options.AddPolicy(StaffOrAuditor, p => p.RequireAssertion(c =>
            c.User.HasClaim(DossierClaims.Role, Role.Auditor.Wire())
            || (c.User.HasClaim(cl => cl.Type == DossierClaims.Agency)
                && new[] { Role.Reception, Role.Officer, Role.Leader }.Any(r => c.User.HasClaim(DossierClaims.Role, r.Wire())))));
        options.AddPolicy(Actors, p => p.RequireClaim(
            DossierClaims.Role, Role.Citizen.Wire(), Role.Reception.Wire(), Role.Officer.Wire(), Role.Leader.Wire()));
        options.AddPolicy(Admin, p => p.RequireClaim(DossierClaims.Role, Role.Admin.Wire()));
        options.AddPolicy(Auditor, p => p.RequireClaim(DossierClaims.Role, Role.Auditor.Wire()));
        options.AddPolicy(StatisticsReaders, p => p.RequireAssertion(c =>
            c.User.HasClaim(DossierClaims.Role, Role.Auditor.Wire())
            || c.User.HasClaim(DossierClaims.Role, Role.Admin.Wire())
            || (c.User.HasClaim(cl => cl.Type == DossierClaims.Agency)
                && new[] { Role.Reception, Role.Officer, Role.Leader }.Any(r => c.User.HasClaim(DossierClaims.Role, r.Wire())))));
        options.AddPolicy(AuditorOrAdmin, p => p.RequireClaim(DossierClaims.Role, Role.Auditor.Wire(), Role.Admin.Wire()));
        options.FallbackPolicy = options.GetPolicy(AnyCaller);
    }

    private static void StaffOf(AuthorizationPolicyBuilder policy, params Role[] roles) =>
        policy.RequireClaim(DossierClaims.Role, roles.Select(r => r.Wire()))
            .RequireClaim(DossierClaims.Agency);
}
