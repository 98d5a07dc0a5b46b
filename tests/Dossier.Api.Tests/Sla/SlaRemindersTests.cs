using System.Net;
using Dossier.Api.Notifications;
using Dossier.Api.Sla;
using Dossier.Api.Tests.Fixtures;
using Dossier.Domain.Dossiers;
using Marten;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Sla;

[Collection(SlaCollection.Name)]
public sealed class SlaRemindersTests(SlaFactory factory)
{
    private const string Ward = "000.02.21.H08";
    private readonly ApiClient api = new(factory);

    private async Task<int> Sweep(string code) => (await factory.Send(new SweepDueReminders([code]))).Recorded;

    /// <summary>Sweeps and returns the dossier's newly recorded reminders of the appointment (not of its steps).</summary>
    private async Task<List<ReminderKind>> SweepAppointment(string code)
    {
        var before = (await Reminders(code)).Count;
        await Sweep(code);
        return (await Reminders(code)).Skip(before).Where(r => r.Kind != ReminderKind.StepDue).Select(r => r.Kind).ToList();
    }

    private async Task<List<ReminderRecorded>> Reminders(string code)
    {
        await using var session = factory.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(code);
        return events.Select(e => e.Data).OfType<ReminderRecorded>().ToList();
    }

    [Fact]
    public async Task reminders_fire_once_and_only_once_across_an_apology()
    {
        var reception = await api.Staff("sla-reception", "reception", Ward);
        var officer = await api.Staff("sla-officer", "officer", Ward);
        var leader = await api.Staff("sla-leader", "leader", Ward);
        var dossier = await api.Act(reception, await api.Submit(await api.Citizen("079201009901"), "1.001022"), "receive");
        dossier = await api.Act(reception, dossier, "assign", new { assignee = officer.Sub });
        var code = Code(dossier);
        var due = dossier["dueAt"]!.GetValue<DateTimeOffset>();

        Assert.Empty(await SweepAppointment(code));

        // One working day before the appointment, at close of business.
        factory.SetNow(due.AddMinutes(-1));
        Assert.Equal([ReminderKind.DeadlineApproaching], await SweepAppointment(code));
        Assert.Equal(0, await Sweep(code));

        dossier = await api.Dossier(leader, code);
        var newDue = due.AddDays(7);
        dossier = await api.Act(leader, dossier, "issue-apology", new { reason = "Chờ xác minh", newDueAt = newDue });
        await ExpectProblem(
            await api.Post($"/api/v1/dossiers/{code}/issue-apology", leader, new { reason = "Lần nữa", newDueAt = newDue.AddDays(3) }, Version(dossier)),
            HttpStatusCode.Conflict);

        factory.SetNow(due.AddMinutes(1));
        Assert.Empty(await SweepAppointment(code));

        factory.SetNow(newDue.AddMinutes(1));
        Assert.Equal(2, (await SweepAppointment(code)).Count);
        Assert.Equal(0, await Sweep(code));
        var reminders = (await Reminders(code)).Where(r => r.Kind != ReminderKind.StepDue).ToList();
        Assert.Equal(3, reminders.Count);
        Assert.Single(reminders, r => r.Kind == ReminderKind.Overdue && r.DueAt == newDue);
        Assert.Single(reminders, r => r.Kind == ReminderKind.DeadlineApproaching && r.DueAt == newDue);

        var history = await (await api.Get($"/api/v1/dossiers/{code}/history", officer)).Content.ReadAsStringAsync();
        Assert.Contains("reminder", history, StringComparison.OrdinalIgnoreCase);

        var mine = await Expect(await api.Get("/api/v1/notifications", officer), HttpStatusCode.OK);
        Assert.Equal(
            (await Reminders(code)).Count,
            mine["items"]!.AsArray().Count(n => n!["dossierCode"]!.GetValue<string>() == code));
        var desk = await Expect(await api.Get("/api/v1/notifications", reception), HttpStatusCode.OK);
        Assert.Contains(desk["items"]!.AsArray(), n => n!["dossierCode"]!.GetValue<string>() == code && n["kind"]!.GetValue<string>() == "overdue");
        var bosses = await Expect(await api.Get("/api/v1/notifications", leader), HttpStatusCode.OK);
        Assert.Contains(bosses["items"]!.AsArray(), n => n!["dossierCode"]!.GetValue<string>() == code);
        var stranger = await Expect(await api.Get("/api/v1/notifications", await api.Citizen("079201009909")), HttpStatusCode.OK);
        Assert.DoesNotContain(stranger["items"]!.AsArray(), n => n!["dossierCode"]!.GetValue<string>() == code);
        await ExpectProblem(await api.Get("/api/v1/notifications"), HttpStatusCode.Unauthorized);

        // Escalation: overdue by two working days.
        factory.SetNow(SlaReminders.ShiftWorkingDays(newDue, 2, Domain.Calendar.WorkingCalendar.Vietnam(new TimeOnly(17, 0))).AddMinutes(1));
        Assert.Equal([ReminderKind.Escalation], await SweepAppointment(code));
        Assert.Equal(0, await Sweep(code));
        Assert.Single(await Reminders(code), r => r.Kind == ReminderKind.Escalation);
    }

    [Fact]
    public async Task a_paused_clock_fires_nothing_and_the_resumed_appointment_fires_once()
    {
        var reception = await api.Staff("sla-reception-4", "reception", Ward);
        var officer = await api.Staff("sla-officer-4", "officer", Ward);
        var citizen = await api.Citizen("079201009904");
        var dossier = await api.Act(reception, await api.Submit(citizen, "1.001022"), "receive");
        dossier = await api.Act(reception, dossier, "assign", new { assignee = officer.Sub });
        var code = Code(dossier);
        var due = dossier["dueAt"]!.GetValue<DateTimeOffset>();

        dossier = await api.Act(officer, dossier, "complete-step", new { outcome = "needsSupplement", opinion = "Thiếu giấy tờ" });
        Assert.Equal("awaitingSupplement", Status(dossier));

        // Paused across the original appointment: nothing is due while the citizen holds the dossier.
        factory.SetNow(due.AddDays(3));
        Assert.Equal(0, await Sweep(code));

        dossier = await api.Act(citizen, await api.Dossier(citizen, code), "provide-supplement",
            new { documents = new[] { new { name = "Giấy tờ bổ sung", sha256 = new string('b', 64) } } });
        var resumedDue = dossier["dueAt"]!.GetValue<DateTimeOffset>();
        Assert.True(resumedDue > factory.Clock.GetUtcNow(), "the paused days are given back");
        Assert.Empty(await SweepAppointment(code));

        factory.SetNow(resumedDue.AddMinutes(-1));
        Assert.Equal([ReminderKind.DeadlineApproaching], await SweepAppointment(code));
        factory.SetNow(resumedDue.AddMinutes(1));
        Assert.Equal([ReminderKind.Overdue], await SweepAppointment(code));
        Assert.Equal(0, await Sweep(code));

        var appointment = (await Reminders(code)).Where(r => r.Kind != ReminderKind.StepDue).ToList();
        Assert.Equal(2, appointment.Count);
        Assert.All(appointment, r => Assert.Equal(resumedDue, r.DueAt));
    }

    [Fact]
    public async Task a_step_due_reminder_fires_once_for_the_assignee()
    {
        var reception = await api.Staff("sla-reception-3", "reception", Ward);
        var officer = await api.Staff("sla-officer-3", "officer", Ward);
        var dossier = await api.Act(reception, await api.Submit(await api.Citizen("079201009903"), "1.001022"), "receive");
        dossier = await api.Act(reception, dossier, "assign", new { assignee = officer.Sub });
        var code = Code(dossier);
        var stepDue = dossier["currentStep"]!["dueAt"]!.GetValue<DateTimeOffset>();

        factory.SetNow(stepDue.AddMinutes(1));
        await Sweep(code);
        Assert.Equal(0, await Sweep(code));
        var step = Assert.Single(await Reminders(code), r => r.Kind == ReminderKind.StepDue);
        Assert.Equal(stepDue, step.DueAt);
        Assert.Equal(dossier["currentStep"]!["id"]!.GetValue<string>(), step.StepId);
        var mine = await Expect(await api.Get("/api/v1/notifications", officer), HttpStatusCode.OK);
        Assert.Contains(mine["items"]!.AsArray(), n => n!["dossierCode"]!.GetValue<string>() == code && n["kind"]!.GetValue<string>() == "stepDue");
    }

    [Fact]
    public async Task nothing_fires_for_a_dossier_closed_before_its_deadline()
    {
        var reception = await api.Staff("sla-reception-2", "reception", Ward);
        var citizen = await api.Citizen("079201009902");
        var dossier = await api.Act(reception, await api.Submit(citizen, "1.001022"), "receive");
        var code = Code(dossier);
        var due = dossier["dueAt"]!.GetValue<DateTimeOffset>();
        dossier = await api.Dossier(citizen, code);
        await api.Act(citizen, dossier, "withdraw", new { reason = "Không cần nữa" });

        factory.SetNow(due.AddDays(10));
        Assert.Equal(0, await Sweep(code));
        Assert.Empty(await Reminders(code));

        // The citizen was told of each status change of their dossier: received, withdrawn.
        var mine = await Expect(await api.Get("/api/v1/notifications", citizen), HttpStatusCode.OK);
        var changes = mine["items"]!.AsArray().Where(n => n!["dossierCode"]!.GetValue<string>() == code).ToList();
        Assert.Equal(2, changes.Count);
        Assert.All(changes, n => Assert.Equal("statusChanged", n!["kind"]!.GetValue<string>()));
        Assert.Contains(changes, n => n!["message"]!.GetValue<string>().Contains("withdrawn", StringComparison.Ordinal));
        Assert.Contains(changes, n => n!["message"]!.GetValue<string>().Contains("received", StringComparison.Ordinal));
    }

    [Fact]
    public async Task an_outbox_message_whose_sender_fails_is_retried_and_delivered_once()
    {
        var id = $"test-outbox-{Guid.NewGuid():N}";
        await using (var session = factory.Store.LightweightSession())
        {
            session.Store(new OutboxMessage { Id = id, Channel = "email", To = "a@example.vn", Body = "Xin chào", NextAttemptAt = factory.Clock.GetUtcNow() });
            await session.SaveChangesAsync();
        }

        factory.Sender.FailuresLeft[id] = 1;
        await factory.Send(new DispatchOutbox(Ids: [id]));
        Assert.DoesNotContain(id, factory.Sender.Delivered);
        OutboxMessage? failed;
        await using (var query = factory.Store.QuerySession())
        {
            failed = await query.LoadAsync<OutboxMessage>(id);
        }

        Assert.Equal(1, failed!.Attempts);
        Assert.Null(failed.DeliveredAt);
        Assert.NotNull(failed.LastError);

        await factory.Send(new DispatchOutbox(Ids: [id]));
        Assert.DoesNotContain(id, factory.Sender.Delivered);

        factory.SetNow(failed.NextAttemptAt.AddSeconds(1));
        await factory.Send(new DispatchOutbox(Ids: [id]));
        await factory.Send(new DispatchOutbox(Ids: [id]));
        Assert.Single(factory.Sender.Delivered, d => d == id);
        await using (var query = factory.Store.QuerySession())
        {
            Assert.NotNull((await query.LoadAsync<OutboxMessage>(id))!.DeliveredAt);
        }
    }
}
