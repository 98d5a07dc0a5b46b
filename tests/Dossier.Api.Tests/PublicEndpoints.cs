using System.Net;
using System.Text.Json.Nodes;
using Dossier.Api.Tests.Fixtures;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class PublicEndpoints(ApiFactory factory)
{
    private readonly ApiClient api = new(factory);

    [Fact]
    public async Task the_catalogue_lists_procedures_and_shows_one_in_full()
    {
        var list = JsonNode.Parse(await (await api.Get("/api/v1/procedures")).Content.ReadAsStringAsync())!.AsArray();
        Assert.True(list.Count >= 20);
        var birth = list.Single(p => p!["code"]!.GetValue<string>() == "1.001193")!;
        Assert.Equal(4, birth["level"]!.GetValue<int>());
        Assert.Equal(1, birth["version"]!.GetValue<int>());

        var detail = await Expect(await api.Get("/api/v1/procedures/1.001193"), HttpStatusCode.OK);
        Assert.Equal("Đăng ký khai sinh", detail["definition"]!["name"]!.GetValue<string>());
        Assert.Equal(4, detail["definition"]!["level"]!.GetValue<int>());
        await ExpectProblem(await api.Get("/api/v1/procedures/0.000000"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_calendar_lists_a_years_days_off_and_make_up_saturdays()
    {
        var days = JsonNode.Parse(await (await api.Get("/api/v1/calendar/holidays?year=2024")).Content.ReadAsStringAsync())!.AsArray();
        Assert.Contains(days, d => d!["date"]!.GetValue<string>() == "2024-05-04" && d["kind"]!.GetValue<string>() == "makeUpWorkday");
        Assert.Contains(days, d => d!["date"]!.GetValue<string>() == "2024-02-12" && d["kind"]!.GetValue<string>() == "holiday");
        Assert.All(days, d => Assert.Contains(d!["kind"]!.GetValue<string>(), new[] { "holiday", "compensatory", "makeUpWorkday" }));
        await ExpectProblem(await api.Get("/api/v1/calendar/holidays"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task the_due_date_skips_tet()
    {
        var due = await Expect(await api.Get("/api/v1/calendar/due?receivedAt=2024-02-07T10:00:00%2B07:00&workingDays=3"), HttpStatusCode.OK);
        Assert.Equal(new DateTimeOffset(2024, 2, 19, 17, 0, 0, TimeSpan.FromHours(7)), due["dueAt"]!.GetValue<DateTimeOffset>());
        await ExpectProblem(await api.Get("/api/v1/calendar/due?receivedAt=yesterday&workingDays=3"), HttpStatusCode.BadRequest);
        await ExpectProblem(await api.Get("/api/v1/calendar/due?receivedAt=2024-02-07T10:00:00%2B07:00&workingDays=0"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task health_openapi_and_the_reference_page_are_served()
    {
        Assert.Equal(HttpStatusCode.OK, (await api.Get("/health/live")).StatusCode);
        var ready = await Expect(await api.Get("/health/ready"), HttpStatusCode.OK);
        // The whole report is not asserted Healthy: this host's projection daemon shares its database with every other
        // test of the run, and reports Degraded when a shard of it paused.
        Assert.NotEqual("Unhealthy", ready["status"]!.GetValue<string>());
        Assert.Equal("Healthy", ready["checks"]!["event-store"]!["status"]!.GetValue<string>());
        var openApi = await Expect(await api.Get("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = openApi["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/dossiers", paths);
        Assert.Contains("/api/v1/dossiers/{code}/receive", paths);
        Assert.Contains("/api/v1/lookup/{code}", paths);
        var reference = await api.Get("/reference");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.DoesNotContain("cdn.", await reference.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task dev_tokens_refuse_an_unknown_role_and_staff_without_a_unit()
    {
        await ExpectProblem(await api.Post("/api/v1/auth/dev-token", null, new { sub = "x", role = "king" }), HttpStatusCode.BadRequest);
        await ExpectProblem(await api.Post("/api/v1/auth/dev-token", null, new { sub = "x", role = "officer" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task the_development_clock_is_absent_unless_configured() =>
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get("/api/v1/dev/clock", await api.Citizen("079201000901"))).StatusCode);
}

public sealed class DevelopmentClock(DevClockFactory factory) : IClassFixture<DevClockFactory>
{
    private readonly ApiClient api = new(factory);

    [Fact]
    public async Task the_clock_moves_forward_only_and_the_engine_follows_it()
    {
        var citizen = await api.Citizen("079201000902");
        var before = (await Expect(await api.Get("/api/v1/dev/clock", citizen), HttpStatusCode.OK))["now"]!.GetValue<DateTimeOffset>();

        var moved = await Expect(await api.Post("/api/v1/dev/clock", citizen, new { advance = "P2D" }), HttpStatusCode.OK);
        Assert.True(moved["now"]!.GetValue<DateTimeOffset>() >= before.AddDays(2));

        var dossier = await api.Submit(citizen, "1.004873");
        Assert.True(dossier["filedAt"]!.GetValue<DateTimeOffset>() >= before.AddDays(2));

        await ExpectProblem(await api.Post("/api/v1/dev/clock", citizen, new { now = before }), HttpStatusCode.Conflict, "clock-backwards");
        await ExpectProblem(await api.Post("/api/v1/dev/clock", citizen, new { advance = "soon" }), HttpStatusCode.BadRequest);
        await ExpectProblem(await api.Post("/api/v1/dev/clock", null, new { advance = "P1D" }), HttpStatusCode.Unauthorized);
    }
}
