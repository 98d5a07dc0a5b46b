using System.Net;
using System.Text.Json.Nodes;
using Dossier.Api.Tests.Fixtures;
using Dossier.Domain.Dossiers;
using Dossier.Tests.Shared;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Sla;

/// <summary>
/// Issue #5's acceptance: two API hosts with their schedulers on one database, the development clock moved
/// forward across a hundred dossiers' deadlines through one host; every expected reminder is recorded once, in
/// the histories and in the notification lists, and none for the dossiers resolved or withdrawn in time.
/// </summary>
public sealed class DevelopmentClockAcrossHostsTests
{
    private const string Ward = "000.02.21.H08";
    private const int Open = 50;
    private const int ResolvedInTime = 25;
    private const int Withdrawn = 25;

    private static readonly ReminderKind[] ExpectedForAnAssignedOverdueDossier =
        [ReminderKind.DeadlineApproaching, ReminderKind.Overdue, ReminderKind.Escalation, ReminderKind.StepDue];

    [Fact]
    public async Task moving_the_development_clock_across_a_hundred_deadlines_records_every_reminder_once()
    {
        var database = TestDatabase.CreateDatabase("sla_dev_clock_hosts");
        var tokenKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var first = new SlaFactory { ConnectionString = database, Scheduler = true, DevelopmentClock = true, TokenKey = tokenKey };
        await using var second = new SlaFactory { ConnectionString = database, Scheduler = true, DevelopmentClock = true, TokenKey = tokenKey };
        var viaFirst = new ApiClient(first);
        var viaSecond = new ApiClient(second);
        Assert.Equal(HttpStatusCode.OK, (await viaFirst.Get("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viaSecond.Get("/health/ready")).StatusCode);

        var reception = await viaFirst.Staff("hosts-reception", "reception", Ward);
        var leader = await viaFirst.Staff("hosts-leader", "leader", Ward);
        var officers = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => viaFirst.Staff($"hosts-officer-{i}", "officer", Ward)));
        var open = new List<(string Code, Person Officer)>();
        var closed = new List<string>();
        for (var i = 0; i < Open + ResolvedInTime + Withdrawn; i++)
        {
            var api = i % 2 == 0 ? viaFirst : viaSecond;
            var citizen = await api.Citizen($"0792010{i:D5}");
            var officer = officers[i % officers.Length];
            var dossier = await api.Act(reception, await api.Submit(citizen, "1.001022"), "receive");
            if (i < Open + ResolvedInTime)
            {
                dossier = await api.Act(reception, dossier, "assign", new { assignee = officer.Sub });
            }

            if (i < Open)
            {
                open.Add((Code(dossier), officer));
            }
            else if (i < Open + ResolvedInTime)
            {
                await Resolve(api, dossier, officer, leader, reception);
                closed.Add(Code(dossier));
            }
            else
            {
                await api.Act(citizen, await api.Dossier(citizen, Code(dossier)), "withdraw", new { reason = "Không cần nữa" });
                closed.Add(Code(dossier));
            }
        }

        await Expect(await viaFirst.Post("/api/v1/dev/clock", reception, new { advance = "P60D" }), HttpStatusCode.OK);

        var expected = Open * ExpectedForAnAssignedOverdueDossier.Length;
        await WaitFor(async () => await RecordedReminders(database) >= expected, "every reminder to be recorded",
            async () => $"{await RecordedReminders(database)} of {expected} recorded, {await first.CompletedSweeps()} sweeps completed, clock {first.Services.GetRequiredService<TimeProvider>().GetUtcNow():O} / {second.Services.GetRequiredService<TimeProvider>().GetUtcNow():O}");
        await WaitFor(await first.SweepsStartedFromNow(2), "two more sweeps to complete on either scheduler");
        Assert.Equal(expected, await RecordedReminders(database));

        var movedTo = (await Expect(await viaSecond.Get("/api/v1/dev/clock", reception), HttpStatusCode.OK))["now"]!.GetValue<DateTimeOffset>();
        Assert.True(movedTo > DateTimeOffset.UtcNow.AddDays(59), "the second host reads the clock the first one moved");

        foreach (var (code, officer) in open)
        {
            var history = await (await viaSecond.Get($"/api/v1/dossiers/{code}/history", leader)).Content.ReadAsStringAsync();
            var kinds = (await Reminders(second, code)).Select(r => r.Kind).Order().ToList();
            Assert.Equal(ExpectedForAnAssignedOverdueDossier.Order(), kinds);
            Assert.Equal(ExpectedForAnAssignedOverdueDossier.Length, history.Split("reminder-recorded.v1").Length - 1);

            var mine = await Notifications(viaSecond, officer, code);
            Assert.Equal(["deadlineApproaching", "escalation", "overdue", "stepDue"], mine.Order());
            Assert.Equal(["deadlineApproaching", "overdue"], (await Notifications(viaFirst, reception, code)).Order());
            Assert.Equal(["escalation", "overdue"], (await Notifications(viaFirst, leader, code)).Order());
        }

        foreach (var code in closed)
        {
            Assert.Empty(await Reminders(first, code));
            Assert.Empty(await Notifications(viaFirst, leader, code));
            Assert.Empty(await Notifications(viaFirst, reception, code));
        }
    }

    private static async Task Resolve(ApiClient api, JsonObject dossier, Person officer, Person leader, Person reception)
    {
        dossier = await api.Act(officer, dossier, "complete-step", new { outcome = "ok" });
        dossier = await api.Dossier(leader, Code(dossier));
        if (!Permitted(dossier).Contains("approve"))
        {
            dossier = await api.Act(leader, dossier, "assign", new { assignee = leader.Sub });
        }

        dossier = await api.Act(leader, dossier, "approve", new { });
        await api.Act(reception, dossier, "return-result", new { method = "inPerson" });
    }

    private static async Task<List<string>> Notifications(ApiClient api, Person who, string code)
    {
        var page = await Expect(await api.Get($"/api/v1/notifications?dossier={code}&pageSize=200", who), HttpStatusCode.OK);
        return page["items"]!.AsArray()
            .Select(n => n!["kind"]!.GetValue<string>())
            .Where(kind => kind != "statusChanged")
            .ToList();
    }

    private static async Task<List<ReminderRecorded>> Reminders(ApiFactory host, string code)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamAsync(code)).Select(e => e.Data).OfType<ReminderRecorded>().ToList();
    }

    private static async Task<long> RecordedReminders(string database) =>
        await Scalar(database, "select count(*) from dossier.mt_events where type = 'reminder-recorded.v1'");

    private static async Task<long> Scalar(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The ticks run on the real clock (ADR 0013), so the test waits for their effect, never for a time.</summary>
    private static async Task WaitFor(Func<Task<bool>> condition, string what, Func<Task<string>>? state = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 60 s for {what}. {(state is null ? "" : await state())}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200)); // polling interval, not a wait for time to pass
        }
    }
}
