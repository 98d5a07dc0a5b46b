using Dossier.Api.Audit.Signing;
using Microsoft.Extensions.Options;

namespace Dossier.Api.Audit;

public static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuditOptions>(configuration.GetSection(AuditOptions.Section));
        services.AddSingleton(sp => AuditKeys.Load(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<ILogger<AuditKeys>>()));
        services.AddHostedService<AuditKeyCheck>();
        return services;
    }
}
