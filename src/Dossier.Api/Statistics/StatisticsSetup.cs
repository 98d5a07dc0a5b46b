using Dossier.Api.Health;
using Dossier.Domain.Calendar;
using Dossier.Projections.Statistics;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dossier.Api.Statistics;

public static class StatisticsSetup
{
    /// <summary>HotCold (the default: any number of nodes, one runs the projections), Solo (exactly one node) or Disabled.</summary>
    public const string DaemonModeSetting = "Projections:DaemonMode";

    public static DaemonMode DaemonModeFrom(IConfiguration configuration) =>
        configuration.GetValue(DaemonModeSetting, DaemonMode.HotCold);

    /// <summary>
    /// The statistics projections join the store's configuration here, because they count working days with the
    /// calendar the host is configured with (its close of business).
    /// </summary>
    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.ConfigureMarten((provider, options) =>
            StatisticsProjections.Configure(options, provider.GetRequiredService<IWorkingCalendar>()));
        services.AddHealthChecks().AddCheck<ProjectionHealthCheck>("projections", tags: [HealthApi.ReadyTag]);
        return services;
    }
}

/// <summary>
/// Degraded (not unhealthy: the node still serves dossiers) when a projection shard has stopped on an event it could
/// not apply; the statistics then stay behind until the cause is fixed and the shard restarted or rebuilt.
/// </summary>
public sealed class ProjectionHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<IProjectionCoordinator>() is not { } coordinator)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The async daemon does not run on this node."));
        }

        var daemon = coordinator.DaemonForMainDatabase();
        return Task.FromResult(daemon.HasAnyPaused()
            ? HealthCheckResult.Degraded("A projection shard is paused after a failure: the statistics are not current. See the log.")
            : HealthCheckResult.Healthy(daemon.IsRunning ? "Projections running." : "Projections run on another node."));
    }
}
