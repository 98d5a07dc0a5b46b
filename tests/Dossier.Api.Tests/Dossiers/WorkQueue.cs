using System.Net;
using Dossier.Api.Tests.Fixtures;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Dossiers;

[Collection(ApiCollection.Name)]
public sealed class WorkQueue(ApiFactory factory)
{
    private const string Ward = "000.02.21.H08";
    private readonly ApiClient api = new(factory);

    [Fact]
    public async Task staff_see_their_units_dossiers_newest_first_and_filter_them()
    {
        var reception = await api.Staff("queue-reception", "reception", Ward);
        var first = await api.Submit(await api.Citizen("079201000801"), "1.001022");
        factory.SetNow(factory.Clock.GetUtcNow().AddMinutes(1));
        var second = await api.Act(reception, await api.Submit(await api.Citizen("079201000802"), "1.001022"), "receive");

        var all = await Expect(await api.Get("/api/v1/dossiers?procedure=1.001022&pageSize=200", reception), HttpStatusCode.OK);
        var codes = all["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).ToList();
        Assert.True(codes.IndexOf(Code(second)) < codes.IndexOf(Code(first)), "newest first");
        Assert.True(all["total"]!.GetValue<long>() >= 2);

        var received = await Expect(await api.Get("/api/v1/dossiers?status=received&procedure=1.001022", reception), HttpStatusCode.OK);
        Assert.All(received["items"]!.AsArray(), i => Assert.Equal("received", i!["status"]!.GetValue<string>()));
        Assert.Contains(Code(second), received["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task overdue_dossiers_are_found_once_their_due_time_has_passed()
    {
        var reception = await api.Staff("overdue-reception", "reception", Ward);
        var dossier = await api.Act(reception, await api.Submit(await api.Citizen("079201000803"), "1.001022"), "receive");
        factory.SetNow(dossier["dueAt"]!.GetValue<DateTimeOffset>().AddMinutes(1));

        var overdue = await Expect(await api.Get("/api/v1/dossiers?overdue=true&pageSize=200", reception), HttpStatusCode.OK);
        var item = overdue["items"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == Code(dossier));
        Assert.True(item!["overdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task citizens_have_no_queue_and_staff_no_other_units_queue()
    {
        await ExpectProblem(await api.Get("/api/v1/dossiers", await api.Citizen("079201000804")), HttpStatusCode.Forbidden);
        await ExpectProblem(await api.Get("/api/v1/dossiers", await api.Staff("queue-admin", "admin", Ward)), HttpStatusCode.Forbidden);
        await ExpectProblem(await api.Get("/api/v1/dossiers?agency=000.00.01.H08", await api.Staff("queue-nosy", "officer", Ward)), HttpStatusCode.Forbidden);
        await ExpectProblem(await api.Get("/api/v1/dossiers"), HttpStatusCode.Unauthorized);
        await ExpectProblem(await api.Get("/api/v1/dossiers?status=lost", await api.Staff("queue-typo", "officer", Ward)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task auditors_read_any_dossier_and_its_history_but_act_on_none()
    {
        var dossier = await api.Submit(await api.Citizen("079201000805"), "1.001022");
        var auditor = await api.Staff("auditor-1", "auditor", "000.00.00.H08");
        var view = await api.Dossier(auditor, Code(dossier));
        Assert.Empty(Permitted(view));
        Assert.Equal(HttpStatusCode.OK, (await api.Get($"/api/v1/dossiers/{Code(dossier)}/history", auditor)).StatusCode);
        await ExpectProblem(await api.Post($"/api/v1/dossiers/{Code(dossier)}/withdraw", auditor, new { }, 1), HttpStatusCode.Forbidden);
        await ExpectProblem(await api.Get($"/api/v1/dossiers/{Code(dossier)}", await api.Staff("admin-1", "admin", Ward)), HttpStatusCode.Forbidden);
    }
}
