using System.Net;
using Dossier.Api.Tests.Fixtures;
using Dossier.Domain.Dossiers;
using Dossier.Tests.Shared;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static Dossier.Api.Tests.Fixtures.ApiClient;
using static Dossier.Api.Tests.Sla.SlaFactory;

namespace Dossier.Api.Tests.Sla;

/// <summary>
/// The Quartz scheduler itself: persistent clustered store on its own database, ticks every second of real time,
/// deadlines judged against each host's fake clock. Where nothing more may be recorded, the tests wait for sweeps
/// that started afterwards to complete, by the scheduler's record of completed sweeps.
/// </summary>
public sealed class SchedulerHostsTests
{
    private const string Ward = "000.02.21.H08";

    private static async Task<List<ReminderRecorded>> Reminders(ApiFactory host, string code)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(code);
        return events.Select(e => e.Data).OfType<ReminderRecorded>().ToList();
    }

    private static async Task<(string Code, DateTimeOffset Due)> ReceivedDossier(ApiFactory host, string idNumber)
    {
        var api = new ApiClient(host);
        var reception = await api.Staff("sched-reception", "reception", Ward);
        var dossier = await api.Act(reception, await api.Submit(await api.Citizen(idNumber), "1.001022"), "receive");
        return (Code(dossier), dossier["dueAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task two_scheduler_hosts_on_one_database_record_each_reminder_once()
    {
        var database = TestDatabase.CreateDatabase("sla_two_hosts");
        string code;
        DateTimeOffset due;
        await using (var setup = new SlaFactory { ConnectionString = database })
        {
            (code, due) = await ReceivedDossier(setup, "079201009911");
        }

        var late = due.AddMinutes(1);
        await using var first = new SlaFactory { ConnectionString = database, Scheduler = true, Now = late };
        await using var second = new SlaFactory { ConnectionString = database, Scheduler = true, Now = late };
        _ = first.Server;
        _ = second.Server;

        var api = new ApiClient(first);
        Assert.Equal(HttpStatusCode.OK, (await api.Get("/health/ready")).StatusCode);
        await WaitFor(async () => (await Reminders(first, code)).Count >= 2);

        // Both hosts keep ticking: two more sweeps, each run by whichever node the cluster lets fire, record nothing more.
        await WaitFor(await first.SweepsStartedFromNow(2));
        var reminders = await Reminders(second, code);
        Assert.Equal(2, reminders.Count);
        Assert.Single(reminders, r => r.Kind == ReminderKind.DeadlineApproaching);
        Assert.Single(reminders, r => r.Kind == ReminderKind.Overdue);
    }

    [Fact]
    public async Task a_host_stopped_before_the_due_time_and_started_after_it_records_the_missed_reminder_once()
    {
        var database = TestDatabase.CreateDatabase("sla_restart");
        string code;
        DateTimeOffset due;
        await using (var before = new SlaFactory { ConnectionString = database, Scheduler = true })
        {
            (code, due) = await ReceivedDossier(before, "079201009912");
            await WaitFor(await before.SweepsStartedFromNow(1));
            Assert.Empty(await Reminders(before, code));
        }

        await using var after = new SlaFactory { ConnectionString = database, Scheduler = true, Now = due.AddHours(1) };
        _ = after.Server;
        await WaitFor(async () => (await Reminders(after, code)).Count >= 2);
        await WaitFor(await after.SweepsStartedFromNow(1));
        var reminders = await Reminders(after, code);
        Assert.Single(reminders, r => r.Kind == ReminderKind.Overdue);
        Assert.Single(reminders, r => r.Kind == ReminderKind.DeadlineApproaching);
    }
}
