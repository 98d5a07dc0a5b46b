using Dossier.Api.Audit.Checkpoints;
using Dossier.Api.Clock;
using Dossier.Api.Notifications;
using Mediator;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Quartz;

namespace Dossier.Api.Sla;

/// <summary>
/// Quartz only announces that time passed (STYLE.md): every tick runs <see cref="SweepDueReminders"/>, which reads the
/// application's clock and the summary read model, then <see cref="DispatchOutbox"/>, and counts the completed sweep in
/// the <see cref="SweepRecord"/>. Clustered on the engine's PostgreSQL, so one node runs a tick; a tick missed while
/// every host was down fires once on start (misfire: fire now).
/// </summary>
[DisallowConcurrentExecution]
public sealed class SlaTickJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("sla-tick", "sla");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var startedAt = SlaSetup.TickClock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        if (scope.ServiceProvider.GetService<SharedDevelopmentClock>() is { } developmentClock)
        {
            await developmentClock.Refresh(cancellationToken);
        }

        var swept = await sender.Send(new SweepDueReminders(), cancellationToken);
        await sender.Send(new DispatchOutbox(), cancellationToken);
        await SweepRecord.Save(
            scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>(),
            SweepRecord.SlaSweep,
            new CompletedSweep(startedAt, SlaSetup.TickClock.GetUtcNow(), swept.Now, swept.Recorded, await context.Scheduler.GetSchedulerInstanceId(cancellationToken)),
            cancellationToken);
    }
}

/// <summary>When the development clock moves, time passed: ask the scheduler for a tick now.</summary>
public sealed class DevelopmentClockTicker(IServiceProvider services, [FromKeyedServices(SlaSetup.SchedulerName)] ISchedulerFactory schedulers) : IHostedService
{
    private DevelopmentClock? clock;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        clock = services.GetService<DevelopmentClock>();
        if (clock is not null)
        {
            clock.Moved += OnMoved;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (clock is not null)
        {
            clock.Moved -= OnMoved;
        }

        return Task.CompletedTask;
    }

    private void OnMoved() => _ = Tick();

    private async Task Tick()
    {
        try
        {
            var scheduler = await schedulers.GetScheduler();
            if (await scheduler.GetStatus() == SchedulerStatus.Running && await scheduler.Exists(SlaTickJob.Key))
            {
                await scheduler.TriggerJob(SlaTickJob.Key, new JobDataMap());
            }
        }
        catch (SchedulerException)
        {
            // The next regular tick does the same work.
        }
    }
}

/// <summary>
/// Ready when the scheduler is started and not shut down. Also tells when the cluster's SLA sweep last completed and how
/// many have: a node can be up while no sweep completes (each one failing), and that alone does not make it unready.
/// </summary>
public sealed class SchedulerHealthCheck([FromKeyedServices(SlaSetup.SchedulerName)] ISchedulerFactory schedulers, NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        bool running;
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            running = await scheduler.GetStatus(cancellationToken) == SchedulerStatus.Running;
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Scheduler not available.", e);
        }

        var sweeps = await SweepRecord.Find(dataSource, SweepRecord.SlaSweep, cancellationToken);
        var sweptSoFar = sweeps is null
            ? "no SLA sweep has completed yet"
            : $"the SLA sweep last completed at {sweeps.Last.FinishedAt:O} ({sweeps.Completed} sweeps)";
        var data = sweeps is null
            ? new Dictionary<string, object> { ["slaSweeps"] = 0L }
            : new Dictionary<string, object> { ["slaSweeps"] = sweeps.Completed, ["slaSweepLastCompletedAt"] = sweeps.Last.FinishedAt };
        return running
            ? HealthCheckResult.Healthy($"Scheduler up; {sweptSoFar}.", data)
            : HealthCheckResult.Unhealthy($"Scheduler not started; {sweptSoFar}.", data: data);
    }
}

public static class SlaSetup
{
    public const string TablePrefix = "qrtz_";

    /// <summary>
    /// The engine's scheduler is a named one because Quartz keeps the default scheduler's clock as the container's
    /// unkeyed <see cref="TimeProvider"/>, which the application's clock, registered after it, replaces: with a test's
    /// fake clock the repeating tick stalled after its first fire, and under <c>./dossier up</c> it ran on the
    /// development clock. A named scheduler's clock is registered under its name and stays the one given here. The name
    /// is also the <c>sched_name</c> of its rows in the <c>qrtz_</c> tables.
    /// </summary>
    public const string SchedulerName = "dossier";

    /// <summary>
    /// Ticks are real time: the scheduler runs on this clock, and a sweep's record says when it ran by it. What is due is
    /// decided against the application's <see cref="TimeProvider"/> by the handler.
    /// </summary>
    public static readonly TimeProvider TickClock = TimeProvider.System;

    public static IServiceCollection AddSla(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var section = configuration.GetSection(SlaOptions.Section);
        services.Configure<SlaOptions>(section);
        var sla = section.Get<SlaOptions>() ?? new SlaOptions();
        services.AddSingleton<IMessageSender, LoggingMessageSender>();

        if (!sla.SchedulerEnabled)
        {
            return services;
        }

        services.AddQuartz(SchedulerName, q =>
        {
            q.UseTimeProvider(TickClock);
            q.UsePersistentStore(s =>
            {
                s.UsePostgres(connectionString);
                s.ConfigureStore(o => o.TablePrefix = TablePrefix);
                s.ProvisionSchema();
                s.UseClustering();
                s.UseSystemTextJsonSerializer();
            });
            q.ScheduleJob<SlaTickJob>(
                t => t.WithIdentity("sla-tick", "sla")
                    .StartNow()
                    .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromSeconds(Math.Max(1, sla.TickSeconds))).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)),
                j => j.WithIdentity(SlaTickJob.Key).StoreDurably());
            CheckpointJob.Schedule(q, configuration);
        });
        services.AddQuartzHostedService(SchedulerName, o => o.WaitForJobsToComplete = true);
        services.AddHostedService<DevelopmentClockTicker>();
        services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler", tags: [Health.HealthApi.ReadyTag]);
        return services;
    }
}
