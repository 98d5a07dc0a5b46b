using Dossier.Api.Validation;
using Mediator;

namespace Dossier.Api.Dossiers;

public static class DossiersSetup
{
    public static IServiceCollection AddDossiers(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });
        services.AddSingleton<DossierAccess>();
        services.AddSingleton<Reading.DossierReadLog>();
        return services;
    }
}
