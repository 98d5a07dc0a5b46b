using System.Net;
using Dossier.Api.Tests.Fixtures;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Dossiers;

/// <summary>
/// A level-3 building permit for a house (1.009995, district level, 15 working days) from online
/// submission to rating, with a supplement on the way, driven only through HTTP.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class Level3DossierEndToEnd(ApiFactory factory)
{
    private const string District = "000.00.21.H08";
    private readonly ApiClient api = new(factory);

    [Fact]
    public async Task a_building_permit_goes_from_submission_to_rating()
    {
        var citizen = await api.Citizen("079201000301");
        var reception = await api.Staff("l3-reception", "reception", District);
        var officer = await api.Staff("l3-officer", "officer", District);
        var leader = await api.Staff("l3-leader", "leader", District);

        var dossier = await api.Submit(citizen, "1.009995");
        Assert.Equal("submitted", Status(dossier));
        Assert.Equal(1, dossier["nationalStatusCode"]!.GetValue<int>());
        Assert.Equal(3, dossier["level"]!.GetValue<int>());
        Assert.StartsWith($"{District}-", Code(dossier));
        Assert.Equal(["withdraw"], Permitted(dossier));

        dossier = await api.Dossier(reception, Code(dossier));
        Assert.Contains("receive", Permitted(dossier));
        dossier = await api.Act(reception, dossier, "receive");
        Assert.Equal("received", Status(dossier));
        var due = dossier["dueAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(due, dossier["originalDueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(TimeSpan.FromHours(17), due.ToOffset(TimeSpan.FromHours(7)).TimeOfDay);

        dossier = await api.Act(reception, dossier, "assign", new { assignee = officer.Sub });
        Assert.Equal("processing", Status(dossier));
        Assert.Equal("check", dossier["currentStep"]!["id"]!.GetValue<string>());
        Assert.Equal(officer.Sub, dossier["currentStep"]!["assignee"]!.GetValue<string>());

        dossier = await api.Dossier(officer, Code(dossier));
        Assert.Contains("complete-step", Permitted(dossier));
        dossier = await api.Act(officer, dossier, "complete-step",
            new { outcome = "needsSupplement", opinion = "Thiếu bản vẽ mặt bằng" });
        Assert.Equal("awaitingSupplement", Status(dossier));
        Assert.Equal(5, dossier["nationalStatusCode"]!.GetValue<int>());

        factory.SetNow(factory.Clock.GetUtcNow().AddDays(1));
        dossier = await api.Dossier(citizen, Code(dossier));
        Assert.Contains("provide-supplement", Permitted(dossier));
        dossier = await api.Act(citizen, dossier, "provide-supplement",
            new { documents = new[] { new { name = "Bản vẽ mặt bằng", sha256 = new string('a', 64) } } });
        Assert.Equal("processing", Status(dossier));
        Assert.True(dossier["dueAt"]!.GetValue<DateTimeOffset>() > due, "the pause moves the appointment later");

        dossier = await api.Act(officer, dossier, "complete-step", new { outcome = "ok" });
        Assert.Equal("site-inspection", dossier["currentStep"]!["id"]!.GetValue<string>());
        dossier = await api.Act(leader, dossier, "assign", new { assignee = officer.Sub });
        dossier = await api.Act(officer, dossier, "complete-step", new { outcome = "ok", opinion = "Đúng hiện trạng" });
        Assert.Equal("review", dossier["currentStep"]!["id"]!.GetValue<string>());
        dossier = await api.Act(leader, dossier, "assign", new { assignee = leader.Sub });
        dossier = await api.Act(leader, dossier, "complete-step", new { });
        Assert.Equal("approve", dossier["currentStep"]!["id"]!.GetValue<string>());

        dossier = await api.Dossier(leader, Code(dossier));
        Assert.Contains("approve", Permitted(dossier));
        dossier = await api.Act(leader, dossier, "approve", new { });
        Assert.Equal("decided", Status(dossier));
        Assert.Equal(9, dossier["nationalStatusCode"]!.GetValue<int>());
        Assert.Equal("approved", dossier["outcome"]!.GetValue<string>());

        dossier = await api.Act(reception, dossier, "return-result", new { method = "inPerson" });
        Assert.Equal("resultReturned", Status(dossier));
        Assert.Equal(10, dossier["nationalStatusCode"]!.GetValue<int>());

        dossier = await api.Dossier(citizen, Code(dossier));
        Assert.Equal(["rate"], Permitted(dossier));
        dossier = await api.Act(citizen, dossier, "rate", new { rating = "verySatisfied", comment = "Nhanh" });
        Assert.Equal("verySatisfied", dossier["rating"]!.GetValue<string>());
        Assert.Empty(Permitted(dossier));

        var history = (await api.Get($"/api/v1/dossiers/{Code(dossier)}/history", citizen)).Content;
        var entries = System.Text.Json.Nodes.JsonNode.Parse(await history.ReadAsStringAsync())!.AsArray();
        Assert.Equal(Version(dossier), entries.Count);
        Assert.Equal(
            ["dossier-filed.v1", "dossier-received.v1", "dossier-assigned.v1", "step-completed.v1", "supplement-requested.v1",
             "supplement-provided.v1", "step-completed.v1", "dossier-assigned.v1", "step-completed.v1", "dossier-assigned.v1",
             "step-completed.v1", "dossier-approved.v1", "result-returned.v1", "dossier-rated.v1"],
            entries.Select(e => e!["type"]!.GetValue<string>()));
        Assert.All(entries, e =>
        {
            Assert.False(string.IsNullOrEmpty(e!["actor"]?.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(e["role"]?.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(e["correlationId"]?.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(e["causationId"]?.GetValue<string>()));
        });
        Assert.Equal(District, entries[1]!["agency"]!.GetValue<string>());
        Assert.Equal("reception", entries[1]!["role"]!.GetValue<string>());

        var lookup = await Expect(await api.Get($"/api/v1/lookup/{Code(dossier)}"), HttpStatusCode.OK);
        Assert.Equal("resultReturned", lookup["status"]!.GetValue<string>());
        Assert.Null(lookup["applicant"]);
    }
}
