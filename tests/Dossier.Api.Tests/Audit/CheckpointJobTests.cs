using Dossier.Api.Audit.Checkpoints;
using Dossier.Api.Sla;
using Dossier.Api.Tests.Fixtures;
using Dossier.Api.Tests.Sla;
using Dossier.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Audit;

/// <summary>The periodic checkpoint on the engine's clustered Quartz scheduler.</summary>
public sealed class CheckpointJobTests
{
    [Fact]
    public async Task the_scheduler_takes_a_checkpoint_daily_at_one_in_the_morning_vietnam_time()
    {
        await using var host = new SlaFactory { ConnectionString = TestDatabase.CreateDatabase("audit job"), Scheduler = true };
        var api = new ApiClient(host);
        await api.Submit(await api.Citizen("079208000001"), AuditFactory.Procedure);
        var scheduler = await host.Services.GetRequiredKeyedService<ISchedulerFactory>(SlaSetup.SchedulerName).GetScheduler();

        var trigger = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(CheckpointJob.Key)));
        Assert.Equal("0 0 1 * * ?", trigger.CronExpressionString);
        Assert.Equal("Asia/Ho_Chi_Minh", trigger.TimeZone.Id);

        var executed = new ExecutedListener();
        scheduler.ListenerManager.AddJobListener(executed, [Matchers.Key(CheckpointJob.Key)]);
        await scheduler.TriggerJob(CheckpointJob.Key);
        Assert.Null(await executed.Done.Task.WaitAsync(TimeSpan.FromSeconds(30)));

        var auditor = await api.Staff("job-auditor", "auditor", AuditFactory.District);
        var checkpoint = await Expect(await api.Get("/api/v1/audit/checkpoints/1", auditor), System.Net.HttpStatusCode.OK);
        Assert.Equal(1, checkpoint["streams"]!.GetValue<long>());
    }

    private sealed class ExecutedListener : IJobListener
    {
        public TaskCompletionSource<JobExecutionException?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => nameof(ExecutedListener);

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            Done.TrySetResult(jobException);
            return default;
        }
    }
}
