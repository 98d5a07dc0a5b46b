using System.Net;
using System.Text.Json.Nodes;
using Dossier.Api.Dossiers.Reading;
using Dossier.Api.Tests.Fixtures;
using Marten;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Audit;

[Collection(ApiCollection.Name)]
public sealed class TimeTravelAndAccessLogTests(ApiFactory factory)
{
    private const string District = "000.00.21.H08";
    private readonly ApiClient api = new(factory);

    private async Task<(JsonObject Dossier, Person Citizen, Person Reception, Person Officer, DateTimeOffset Between)> ThreeSteps(string suffix)
    {
        var citizen = await api.Citizen($"0792010077{suffix}");
        var reception = await api.Staff($"tt-reception-{suffix}", "reception", District);
        var officer = await api.Staff($"tt-officer-{suffix}", "officer", District);
        var dossier = await api.Submit(citizen, "1.009995");
        factory.SetNow(factory.Clock.GetUtcNow().AddMinutes(30));
        dossier = await api.Act(reception, dossier, "receive");
        factory.SetNow(factory.Clock.GetUtcNow().AddHours(1));
        var between = factory.Clock.GetUtcNow();
        factory.SetNow(factory.Clock.GetUtcNow().AddHours(1));
        dossier = await api.Act(reception, dossier, "assign", new { assignee = officer.Sub });
        return (dossier, citizen, reception, officer, between);
    }

    private async Task<long> ReadsOf(string code)
    {
        await using var session = factory.Store.QuerySession();
        return await session.Query<DossierRead>().Where(r => r.DossierCode == code).CountAsync();
    }

    [Fact]
    public async Task the_state_as_of_a_version_or_an_instant_is_the_fold_of_the_events_up_to_it()
    {
        var (dossier, citizen, _, officer, between) = await ThreeSteps("01");
        var code = Code(dossier);
        var auditor = await api.Staff("tt-auditor-1", "auditor", "000.00.00.H08");

        var first = await Expect(await api.Get($"/api/v1/dossiers/{code}/state?version=1", auditor), HttpStatusCode.OK);
        Assert.Equal("submitted", Status(first));
        Assert.Equal(1, Version(first));
        Assert.Null(first["receivedAt"]);
        Assert.Empty(Permitted(first));

        var received = await Expect(await api.Get($"/api/v1/dossiers/{code}/state?at={Uri.EscapeDataString(between.ToString("O"))}", citizen), HttpStatusCode.OK);
        Assert.Equal("received", Status(received));
        Assert.Equal(2, Version(received));
        Assert.Null(received["currentStep"]?["assignee"]);

        var latest = await Expect(await api.Get($"/api/v1/dossiers/{code}/state?version={Version(dossier)}", officer), HttpStatusCode.OK);
        var live = await api.Dossier(officer, code);
        live.Remove("permittedActions");
        latest.Remove("permittedActions");
        Assert.Equal(live.ToJsonString(), latest.ToJsonString());
    }

    [Fact]
    public async Task asking_for_a_state_that_never_was_is_refused_and_recorded_nowhere()
    {
        var (dossier, _, _, officer, _) = await ThreeSteps("02");
        var code = Code(dossier);
        var before = await ReadsOf(code);

        await ExpectProblem(await api.Get($"/api/v1/dossiers/{code}/state", officer), HttpStatusCode.BadRequest);
        await ExpectProblem(await api.Get($"/api/v1/dossiers/{code}/state?version=0", officer), HttpStatusCode.BadRequest);
        await ExpectProblem(await api.Get($"/api/v1/dossiers/{code}/state?version=1&at=2026-11-23T10:00:00%2B07:00", officer), HttpStatusCode.BadRequest);
        await ExpectProblem(await api.Get($"/api/v1/dossiers/{code}/state?version=99", officer), HttpStatusCode.NotFound);
        await ExpectProblem(await api.Get($"/api/v1/dossiers/{code}/state?at=2020-01-01T00:00:00%2B07:00", officer), HttpStatusCode.NotFound);
        await ExpectProblem(await api.Get($"/api/v1/dossiers/{code}/state?version=1", await api.Citizen("079201007799")), HttpStatusCode.NotFound);
        await ExpectProblem(await api.Get($"/api/v1/dossiers/{code}/state?version=1"), HttpStatusCode.Unauthorized);

        Assert.Equal(before, await ReadsOf(code));
    }

    [Fact]
    public async Task auditors_see_who_among_staff_read_a_dossier_and_nobody_else_may()
    {
        var (dossier, citizen, reception, officer, _) = await ThreeSteps("03");
        var code = Code(dossier);
        var leader = await api.Staff("tt-leader-3", "leader", District);
        var auditor = await api.Staff("tt-auditor-3", "auditor", "000.00.00.H08");
        var readsBefore = await ReadsOf(code);

        await api.Dossier(citizen, code);
        await api.Dossier(officer, code);
        factory.SetNow(factory.Clock.GetUtcNow().AddMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await api.Get($"/api/v1/dossiers/{code}/history", leader)).StatusCode);
        factory.SetNow(factory.Clock.GetUtcNow().AddMinutes(1));
        await Expect(await api.Get($"/api/v1/dossiers/{code}/state?version=1", auditor), HttpStatusCode.OK);
        factory.SetNow(factory.Clock.GetUtcNow().AddMinutes(1));
        await Expect(await api.Get($"/api/v1/dossiers/{code}/integrity", auditor), HttpStatusCode.OK);

        var log = await Expect(await api.Get($"/api/v1/dossiers/{code}/reads", auditor), HttpStatusCode.OK);
        Assert.Equal(readsBefore + 4, log["total"]!.GetValue<long>());
        var newest = log["items"]!.AsArray().Take(4).Select(r => (
            r!["personId"]!.GetValue<string>(), r["role"]!.GetValue<string>(), r["what"]!.GetValue<string>())).ToList();
        Assert.Equal([("tt-auditor-3", "auditor", "integrity"), ("tt-auditor-3", "auditor", "state"), ("tt-leader-3", "leader", "history"), (officer.Sub, "officer", "view")], newest);
        Assert.DoesNotContain(log["items"]!.AsArray(), r => r!["personId"]!.GetValue<string>() == citizen.Sub);

        foreach (var refused in new[] { citizen, reception, officer, leader, await api.Staff("tt-admin-3", "admin", "000.00.00.H08") })
        {
            await ExpectProblem(await api.Get($"/api/v1/dossiers/{code}/reads", refused), HttpStatusCode.Forbidden);
        }

        await ExpectProblem(await api.Get("/api/v1/dossiers/000.00.21.H08-261123-9999/reads", auditor), HttpStatusCode.NotFound);
        await ExpectProblem(await api.Get($"/api/v1/dossiers/{code}/reads?pageSize=500", auditor), HttpStatusCode.BadRequest);
    }
}
