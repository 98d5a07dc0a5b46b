using System.Text.Json.Serialization;
using Dossier.Api.Audit;
using Dossier.Api.Auth;
using Dossier.Api.Catalogue;
using Dossier.Api.Clock;
using Dossier.Api.Dossiers;
using Dossier.Api.Health;
using Dossier.Api.Problems;
using Dossier.Api.Sla;
using Dossier.Api.Statistics;
using Dossier.Domain.Calendar;

namespace Dossier.Api.Hosting;

public static class EngineSetup
{
    /// <summary>The largest request body: documents travel base64-encoded inside the JSON.</summary>
    public const long MaxRequestBodyBytes = 8 * 1024 * 1024;

    public static IServiceCollection AddDossierEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.Converters.Add(new VietnamTimeJsonConverter());
        });

        services.AddSingleton(WorkingCalendar.Vietnam(configuration.GetValue("Calendar:CloseOfBusiness", WorkingCalendar.DefaultCloseOfBusiness)));
        services.AddSingleton<IWorkingCalendar>(sp => sp.GetRequiredService<WorkingCalendar>());
        services.AddProblemHandling();
        services.AddDossierAuth(configuration);
        services.AddOpenApi();
        services.AddDossierHealth();
        services.AddDossierStore(configuration);
        services.AddStatistics();
        services.AddSingleton<ProcedureCatalogue>();
        services.AddHostedService<CatalogueSeeder>();
        if (configuration.GetValue<bool>(DevClockApi.Setting))
        {
            services.AddHostedService<DevelopmentClockLoader>();
        }

        services.AddDossiers();
        services.AddAudit(configuration);
        services.AddSla(configuration, configuration.GetConnectionString(StoreSetup.ConnectionName) ?? "");

        // After AddSla: Quartz also registers the system clock as the container's TimeProvider, and the last registration
        // wins — the application's handlers must see the development clock. Quartz keeps its own (SlaSetup.TickClock).
        if (configuration.GetValue<bool>(DevClockApi.Setting))
        {
            services.AddSingleton(sp => new DevelopmentClock(TimeProvider.System));
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DevelopmentClock>());
            services.AddSingleton<SharedDevelopmentClock>();
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }

        return services;
    }
}
