using System.Net;
using Dossier.Api.Sla;
using Dossier.Api.Tests.Fixtures;
using Dossier.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using static Dossier.Api.Tests.Fixtures.ApiClient;
using static Dossier.Api.Tests.Sla.SlaFactory;

namespace Dossier.Api.Tests.Sla;

/// <summary>The scheduler's record of completed SLA sweeps, as the tick job writes it and operators read it in /health/ready.</summary>
public sealed class SweepRecordTests
{
    private const string Ward = "000.02.21.H08";

    [Fact]
    public async Task a_completed_sweep_is_counted_with_when_it_ran_the_time_it_swept_for_its_reminders_and_its_node()
    {
        // An hour between the scheduler's own ticks: after the one at start-up, the sweep the test triggers is the only one.
        await using var host = new SlaFactory { ConnectionString = TestDatabase.CreateDatabase("sla_sweep_record"), Scheduler = true, TickSeconds = 3600 };
        var api = new ApiClient(host);
        var reception = await api.Staff("record-reception", "reception", Ward);
        var dossier = await api.Act(reception, await api.Submit(await api.Citizen("079201009913"), "1.001022"), "receive");
        await WaitFor(async () => await host.CompletedSweeps() >= 1);

        var sweptFor = dossier["dueAt"]!.GetValue<DateTimeOffset>().AddMinutes(1);
        host.SetNow(sweptFor);
        var scheduler = await host.Services.GetRequiredKeyedService<ISchedulerFactory>(SlaSetup.SchedulerName).GetScheduler();
        var triggeredAt = DateTimeOffset.UtcNow;
        await scheduler.TriggerJob(SlaTickJob.Key);
        await WaitFor(async () => await host.CompletedSweeps() >= 2);

        var sweeps = await host.SlaSweeps();
        Assert.NotNull(sweeps);
        Assert.Equal(2, sweeps.Completed);
        Assert.Equal(sweptFor, sweeps.Last.SweptFor);
        Assert.Equal(2, sweeps.Last.RemindersRecorded); // deadline approaching and overdue
        Assert.InRange(sweeps.Last.StartedAt, triggeredAt, sweeps.Last.FinishedAt);
        Assert.InRange(sweeps.Last.FinishedAt, sweeps.Last.StartedAt, DateTimeOffset.UtcNow);
        Assert.Equal(await scheduler.GetSchedulerInstanceId(), sweeps.Last.Node);

        // Public, for probes and operators: the count and the last completion, not the node.
        var readiness = await api.Get("/health/ready");
        var ready = await Expect(readiness, HttpStatusCode.OK);
        var check = ready["checks"]!["scheduler"]!;
        Assert.Equal("Healthy", check["status"]!.GetValue<string>());
        Assert.Equal(2, check["data"]!["slaSweeps"]!.GetValue<long>());
        Assert.Equal(sweeps.Last.FinishedAt, check["data"]!["slaSweepLastCompletedAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains("(2 sweeps)", check["description"]!.GetValue<string>());
        Assert.DoesNotContain(sweeps.Last.Node!, await readiness.Content.ReadAsStringAsync());
    }
}

/// <summary>Two nodes completing sweeps at the same moment on one database.</summary>
[Collection(SlaCollection.Name)]
public sealed class SweepRecordAcrossNodes(SlaFactory factory)
{
    [Fact]
    public async Task sweeps_completed_at_once_on_two_nodes_are_each_counted()
    {
        _ = factory.Server;
        var kind = $"test-{Guid.NewGuid():N}";
        // Four connections a node: concurrent writers on both, without taking a share of the test run's connections
        // that other tests running at the same time may need.
        var node = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { MaxPoolSize = 4 }.ConnectionString;
        await using var first = NpgsqlDataSource.Create(node);
        await using var second = NpgsqlDataSource.Create(node);
        var at = DateTimeOffset.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => SweepRecord.Save(
            i % 2 == 0 ? first : second, kind, new CompletedSweep(at, at, at, i, i % 2 == 0 ? "first" : "second"), CancellationToken.None)));

        var sweeps = await SweepRecord.Find(first, kind, CancellationToken.None);
        Assert.NotNull(sweeps);
        Assert.Equal(40, sweeps.Completed);
        Assert.Null(await SweepRecord.Find(second, $"test-{Guid.NewGuid():N}", CancellationToken.None));
    }
}
