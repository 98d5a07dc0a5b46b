using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dossier.Api.Tests.Fixtures;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Dossiers;

/// <summary>Every refused request answers with the problem API.md names and leaves the store as it was.</summary>
[Collection(ApiCollection.Name)]
public sealed class Refusals(ApiFactory factory)
{
    private const string Commune = "000.01.21.H08";
    private const string OtherCommune = "000.02.21.H08";
    private readonly ApiClient api = new(factory);

    private async Task AssertNothingWritten(Func<Task> act)
    {
        var before = await api.TotalEvents();
        await act();
        Assert.Equal(before, await api.TotalEvents());
    }

    [Fact]
    public Task malformed_json_is_400() => AssertNothingWritten(async () =>
    {
        var citizen = await api.Citizen("079201000701");
        var response = await api.Post("/api/v1/dossiers", citizen, new StringContent("{\"procedureCode\": ", Encoding.UTF8, Json));
        await ExpectProblem(response, HttpStatusCode.BadRequest);
    });

    [Fact]
    public Task an_unknown_field_is_400() => AssertNothingWritten(async () =>
    {
        var citizen = await api.Citizen("079201000701");
        var body = FilingBody("1.004873", citizen.Sub);
        body["procedureCodee"] = "x";
        await ExpectProblem(await api.Post("/api/v1/dossiers", citizen, body), HttpStatusCode.BadRequest);
    });

    [Fact]
    public Task an_unknown_procedure_is_400_naming_the_field() => AssertNothingWritten(async () =>
    {
        var citizen = await api.Citizen("079201000702");
        var problem = await ExpectProblem(await api.Post("/api/v1/dossiers", citizen, FilingBody("9.999999", citizen.Sub)),
            HttpStatusCode.BadRequest, "validation");
        Assert.NotNull(problem["errors"]!["procedureCode"]);
    });

    [Theory]
    [InlineData("applicant.name")]
    [InlineData("summary")]
    [InlineData("documents[0].name")]
    public Task an_oversized_field_is_400_naming_it(string field) => AssertNothingWritten(async () =>
    {
        var citizen = await api.Citizen("079201000703");
        var body = FilingBody("1.004873", citizen.Sub);
        var huge = new string('x', 5000);
        switch (field)
        {
            case "applicant.name": body["applicant"]!["name"] = huge; break;
            case "summary": body["summary"] = huge; break;
            default: body["documents"]![0]!["name"] = huge; break;
        }

        var problem = await ExpectProblem(await api.Post("/api/v1/dossiers", citizen, body), HttpStatusCode.BadRequest, "validation");
        Assert.NotNull(problem["errors"]![field]);
    });

    [Fact]
    public Task invalid_applicant_and_documents_are_400_with_every_error() => AssertNothingWritten(async () =>
    {
        var citizen = await api.Citizen("079201000704");
        var body = new JsonObject
        {
            ["procedureCode"] = "1.004873",
            ["applicant"] = new JsonObject { ["name"] = "", ["idNumber"] = "12ab", ["email"] = "not-an-address" },
            ["documents"] = new JsonArray(new JsonObject { ["name"] = "Tờ khai", ["contentBase64"] = "***", ["sha256"] = "00" }),
        };
        var problem = await ExpectProblem(await api.Post("/api/v1/dossiers", citizen, body), HttpStatusCode.BadRequest, "validation");
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("applicant.name", errors.Select(e => e.Key));
        Assert.Contains("applicant.idNumber", errors.Select(e => e.Key));
        Assert.Contains("applicant.email", errors.Select(e => e.Key));
        Assert.Contains("documents[0]", errors.Select(e => e.Key));
    });

    [Fact]
    public Task a_body_over_the_limit_is_413() => AssertNothingWritten(async () =>
    {
        var citizen = await api.Citizen("079201000705");
        var body = FilingBody("1.004873", citizen.Sub);
        body["documents"]![0]!["contentBase64"] = Convert.ToBase64String(new byte[9 * 1024 * 1024]);
        await ExpectProblem(await api.Post("/api/v1/dossiers", citizen, body), HttpStatusCode.RequestEntityTooLarge);
    });

    [Fact]
    public Task a_body_that_is_not_json_is_415() => AssertNothingWritten(async () =>
    {
        var citizen = await api.Citizen("079201000706");
        var response = await api.Post("/api/v1/dossiers", citizen, new StringContent("procedureCode=1.004873", Encoding.UTF8, "text/plain"));
        await ExpectProblem(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    });

    [Fact]
    public Task no_token_is_401_and_a_forged_token_too() => AssertNothingWritten(async () =>
    {
        await ExpectProblem(await api.Post("/api/v1/dossiers", null, FilingBody("1.004873", "079201000707")), HttpStatusCode.Unauthorized, "unauthenticated");
        var forged = new Person("079201000707", "citizen", null, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImNpdGl6ZW4ifQ.");
        await ExpectProblem(await api.Post("/api/v1/dossiers", forged, FilingBody("1.004873", "079201000707")), HttpStatusCode.Unauthorized);
    });

    [Theory]
    [InlineData("officer")]
    [InlineData("leader")]
    [InlineData("auditor")]
    [InlineData("admin")]
    public Task only_citizens_submit_online(string role) => AssertNothingWritten(async () =>
    {
        var someone = await api.Staff($"wrong-{role}", role, Commune);
        await ExpectProblem(await api.Post("/api/v1/dossiers", someone, FilingBody("1.004873", "079201000708")), HttpStatusCode.Forbidden, "forbidden");
    });

    [Theory]
    [InlineData("citizen")]
    [InlineData("officer")]
    [InlineData("auditor")]
    public Task only_reception_files_at_the_desk(string role) => AssertNothingWritten(async () =>
    {
        var someone = role == "citizen" ? await api.Citizen("079201000709") : await api.Staff($"desk-{role}", role, Commune);
        var body = FilingBody("1.004873", "079201000709");
        body["channel"] = "inPerson";
        await ExpectProblem(await api.Post("/api/v1/dossiers/direct", someone, body), HttpStatusCode.Forbidden);
    });

    [Fact]
    public Task reception_of_another_unit_cannot_file_its_procedures() => AssertNothingWritten(async () =>
    {
        var stranger = await api.Staff("desk-stranger", "reception", "000.00.01.H08");
        var body = FilingBody("1.004873", "079201000710");
        body["channel"] = "inPerson";
        await ExpectProblem(await api.Post("/api/v1/dossiers/direct", stranger, body), HttpStatusCode.Forbidden);
    });

    [Fact]
    public async Task another_citizens_dossier_is_404_for_reading_and_acting()
    {
        var owner = await api.Citizen("079201000711");
        var other = await api.Citizen("079201000712");
        var dossier = await api.Submit(owner, "1.004873");
        await AssertNothingWritten(async () =>
        {
            await ExpectProblem(await api.Get($"/api/v1/dossiers/{Code(dossier)}", other), HttpStatusCode.NotFound, "not-found");
            await ExpectProblem(await api.Get($"/api/v1/dossiers/{Code(dossier)}/history", other), HttpStatusCode.NotFound);
            await ExpectProblem(await api.Post($"/api/v1/dossiers/{Code(dossier)}/withdraw", other, new { }), HttpStatusCode.NotFound);
        });
        Assert.Equal(1, await api.EventCount(Code(dossier)));
    }

    [Fact]
    public async Task staff_of_an_uninvolved_unit_do_not_see_the_dossier()
    {
        var owner = await api.Citizen("079201000713");
        var dossier = await api.Submit(owner, "1.004873");
        var stranger = await api.Staff("stranger-reception", "reception", OtherCommune);
        await AssertNothingWritten(async () =>
        {
            await ExpectProblem(await api.Get($"/api/v1/dossiers/{Code(dossier)}", stranger), HttpStatusCode.NotFound);
            await ExpectProblem(await api.Post($"/api/v1/dossiers/{Code(dossier)}/receive", stranger, new { }, 1), HttpStatusCode.NotFound);
        });
    }

    [Theory]
    [InlineData("officer", "receive")]
    [InlineData("leader", "receive")]
    [InlineData("citizen", "receive")]
    [InlineData("officer", "not-accept")]
    [InlineData("citizen", "approve")]
    [InlineData("reception", "approve")]
    [InlineData("officer", "refuse")]
    [InlineData("reception", "stop")]
    [InlineData("reception", "rate")]
    [InlineData("leader", "withdraw")]
    [InlineData("reception", "pay")]
    [InlineData("citizen", "assign")]
    [InlineData("auditor", "receive")]
    [InlineData("admin", "receive")]
    public async Task a_role_that_may_not_take_an_action_gets_403(string role, string action)
    {
        var owner = await api.Citizen("079201000714");
        var dossier = await api.Submit(owner, "1.004873");
        var someone = role == "citizen" ? owner : await api.Staff($"role-{role}", role, Commune);
        await AssertNothingWritten(async () =>
            await ExpectProblem(await api.Post($"/api/v1/dossiers/{Code(dossier)}/{action}", someone, new { reason = "x" }, 1), HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task staff_without_if_match_get_428_and_a_stale_version_412()
    {
        var owner = await api.Citizen("079201000715");
        var dossier = await api.Submit(owner, "1.004873");
        var reception = await api.Staff("etag-reception", "reception", Commune);
        await AssertNothingWritten(async () =>
        {
            await ExpectProblem(await api.Post($"/api/v1/dossiers/{Code(dossier)}/receive", reception, new { }), (HttpStatusCode)428, "if-match-required");
            var stale = await ExpectProblem(await api.Post($"/api/v1/dossiers/{Code(dossier)}/receive", reception, new { }, 7), HttpStatusCode.PreconditionFailed, "version-mismatch");
            Assert.Equal(1, stale["currentVersion"]!.GetValue<long>());
            var garbage = await api.Post($"/api/v1/dossiers/{Code(dossier)}/receive", reception, new { },
                headers: new Dictionary<string, string> { ["If-Match"] = "yesterday" });
            await ExpectProblem(garbage, HttpStatusCode.BadRequest);
        });
    }

    [Fact]
    public async Task an_action_the_state_does_not_permit_is_409_listing_what_is_permitted()
    {
        var owner = await api.Citizen("079201000716");
        var dossier = await api.Submit(owner, "1.004873");
        var leader = await api.Staff("state-leader", "leader", Commune);
        await AssertNothingWritten(async () =>
        {
            var problem = await ExpectProblem(await api.Post($"/api/v1/dossiers/{Code(dossier)}/approve", leader, new { }, 1),
                HttpStatusCode.Conflict);
            Assert.Equal("submitted", problem["dossierStatus"]!.GetValue<string>());
            Assert.NotNull(problem["permittedActions"]);
            Assert.False(string.IsNullOrEmpty(problem["detail"]!.GetValue<string>()));
        });
    }

    [Fact]
    public async Task a_second_apology_is_409_and_the_first_stays()
    {
        var owner = await api.Citizen("079201000717");
        var reception = await api.Staff("apology-reception", "reception", Commune);
        var leader = await api.Staff("apology-leader", "leader", Commune);
        var dossier = await api.Act(reception, await api.Submit(owner, "1.004873"), "receive");
        var newDue = dossier["dueAt"]!.GetValue<DateTimeOffset>().AddDays(3);
        dossier = await api.Act(leader, dossier, "issue-apology", new { reason = "Chờ xác minh", newDueAt = newDue });
        Assert.True(dossier["apologyIssued"]!.GetValue<bool>());
        Assert.Equal(newDue, dossier["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.NotEqual(newDue, dossier["originalDueAt"]!.GetValue<DateTimeOffset>());

        await AssertNothingWritten(async () =>
            await ExpectProblem(await api.Post($"/api/v1/dossiers/{Code(dossier)}/issue-apology", leader,
                new { reason = "Lần nữa", newDueAt = newDue.AddDays(3) }, Version(dossier)), HttpStatusCode.Conflict, "apology-already-issued"));
    }

    [Fact]
    public Task an_unknown_dossier_code_is_404() => AssertNothingWritten(async () =>
    {
        var reception = await api.Staff("unknown-reception", "reception", Commune);
        await ExpectProblem(await api.Get("/api/v1/dossiers/000.01.21.H08-261123-9999", reception), HttpStatusCode.NotFound);
        await ExpectProblem(await api.Get("/api/v1/dossiers/not-a-code", reception), HttpStatusCode.NotFound);
        await ExpectProblem(await api.Get("/api/v1/lookup/000.01.21.H08-261123-9999"), HttpStatusCode.NotFound);
    });

    [Fact]
    public async Task a_missing_reason_is_400()
    {
        var owner = await api.Citizen("079201000718");
        var dossier = await api.Submit(owner, "1.004873");
        var reception = await api.Staff("reason-reception", "reception", Commune);
        await AssertNothingWritten(async () =>
        {
            var problem = await ExpectProblem(await api.Post($"/api/v1/dossiers/{Code(dossier)}/not-accept", reception, new { }, 1),
            HttpStatusCode.BadRequest, "validation");
            Assert.NotNull(problem["errors"]!["reason"]);
        });
    }
}
