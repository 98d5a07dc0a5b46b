using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dossier.Api.Health;

/// <summary>Ready when the database answers and the event store's schema is in place.</summary>
public sealed class StoreHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var session = store.QuerySession();
            await session.Events.QueryAllRawEvents().Take(1).ToListAsync(cancellationToken);
            return HealthCheckResult.Healthy("Event store reachable.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Event store not reachable or schema missing.", e);
        }
    }
}

public static class HealthApi
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddDossierHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("event-store", tags: [ReadyTag]);
        return services;
    }

    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteReport }).AllowAnonymous();
    }

    /// <summary>
    /// Each check's status, description and figures (e.g. the SLA sweep's count and last completion), not just one word
    /// for the whole. No exception text: the endpoint is public, and the log has the details.
    /// </summary>
    private static Task WriteReport(HttpContext http, HealthReport report) =>
        http.Response.WriteAsJsonAsync(new
        {
            Status = report.Status.ToString(),
            Checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { Status = e.Value.Status.ToString(), e.Value.Description, e.Value.Data }),
        });
}
