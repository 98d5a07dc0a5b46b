using Dossier.Api.Audit.Signing;
using Mediator;
using Quartz;

namespace Dossier.Api.Audit.Checkpoints;

/// <summary>Takes the periodic checkpoint; clustered, so one node takes it, and a run missed while every node was down fires once on start.</summary>
[DisallowConcurrentExecution]
public sealed class CheckpointJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("audit-checkpoint", "audit");

    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new TakeCheckpoint(), cancellationToken);
    }

    /// <summary>Adds the job to the engine's scheduler, on <c>Audit:CheckpointCron</c> in Vietnam time.</summary>
    public static void Schedule(IQuartzBuilder quartz, IConfiguration configuration)
    {
        var cron = configuration.GetSection(AuditOptions.Section).Get<AuditOptions>()?.CheckpointCron ?? new AuditOptions().CheckpointCron;
        quartz.ScheduleJob<CheckpointJob>(
            t => t.WithIdentity("audit-checkpoint", "audit")
                .WithCronSchedule(cron, c => c.InTimeZone(Vietnam).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
            j => j.WithIdentity(Key).StoreDurably());
    }
}
