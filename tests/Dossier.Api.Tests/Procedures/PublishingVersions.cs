using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dossier.Api.Tests.Fixtures;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Procedures;

[Collection(ApiCollection.Name)]
public sealed class PublishingVersions(ApiFactory factory)
{
    private const string Code = "2.000884";
    private readonly ApiClient api = new(factory);

    private async Task<JsonObject> CurrentDefinition() =>
        (await Expect(await api.Get($"/api/v1/procedures/{Code}"), HttpStatusCode.OK))["definition"]!.AsObject();

    private Task<HttpResponseMessage> Publish(Person who, JsonNode definition, int? ifMatch = null)
    {
        var headers = ifMatch is null ? null : new Dictionary<string, string> { ["If-Match"] = $"\"{ifMatch}\"" };
        return api.Send(HttpMethod.Put, $"/api/v1/procedures/{Code}", who,
            new StringContent(definition.ToJsonString(), Encoding.UTF8, Json), headers: headers);
    }

    [Fact]
    public async Task a_dossier_keeps_the_version_it_was_filed_under_after_a_new_one_is_published()
    {
        var admin = await api.Staff("catalogue-admin", "admin", "000.00.00.H08");
        var citizen = await api.Citizen("079203000001");
        var reception = await api.Staff("versions-reception", "reception", "000.01.24.H08");
        var before = await api.Submit(citizen, Code);
        var oldVersion = before["procedureVersion"]!.GetValue<int>();

        var definition = await CurrentDefinition();
        var revised = definition.DeepClone().AsObject();
        revised["workingDays"] = definition["workingDays"]!.GetValue<int>() + 1;
        revised["name"] = definition["name"]!.GetValue<string>() + " (sửa đổi)";
        var published = await Expect(await Publish(admin, revised, oldVersion), HttpStatusCode.Created);
        Assert.Equal(oldVersion + 1, published["version"]!.GetValue<int>());

        var after = await api.Submit(await api.Citizen("079203000002"), Code);
        Assert.Equal(oldVersion + 1, after["procedureVersion"]!.GetValue<int>());

        before = await api.Act(reception, await api.Dossier(reception, ApiClient.Code(before)), "receive");
        Assert.Equal(oldVersion, before["procedureVersion"]!.GetValue<int>());
        Assert.Equal(definition["name"]!.GetValue<string>(), before["procedureName"]!.GetValue<string>());

        var old = await Expect(await api.Get($"/api/v1/procedures/{Code}?version={oldVersion}"), HttpStatusCode.OK);
        Assert.Equal(definition["workingDays"]!.GetValue<int>(), old["definition"]!["workingDays"]!.GetValue<int>());
        var versions = JsonNode.Parse(await (await api.Get($"/api/v1/procedures/{Code}/versions")).Content.ReadAsStringAsync())!.AsArray();
        Assert.Contains(versions, v => v!["version"]!.GetValue<int>() == oldVersion + 1);
    }

    [Fact]
    public async Task a_broken_definition_is_refused_naming_what_is_wrong_and_nothing_is_published()
    {
        var admin = await api.Staff("catalogue-admin", "admin", "000.00.00.H08");
        var definition = await CurrentDefinition();
        var versions = JsonNode.Parse(await (await api.Get($"/api/v1/procedures/{Code}/versions")).Content.ReadAsStringAsync())!.AsArray().Count;

        var broken = definition.DeepClone().AsObject();
        broken["steps"]![0]!["role"] = "citizen";
        broken["workingDays"] = 0;
        var problem = await ExpectProblem(await Publish(admin, broken), HttpStatusCode.BadRequest, "validation");
        Assert.NotNull(problem["errors"]!["steps[0].role"]);
        Assert.NotNull(problem["errors"]!["workingDays"]);

        var unknownField = definition.DeepClone().AsObject();
        unknownField["colour"] = "red";
        await ExpectProblem(await Publish(admin, unknownField), HttpStatusCode.BadRequest, "validation");

        var afterwards = JsonNode.Parse(await (await api.Get($"/api/v1/procedures/{Code}/versions")).Content.ReadAsStringAsync())!.AsArray().Count;
        Assert.Equal(versions, afterwards);
    }

    [Fact]
    public async Task only_administrators_publish_and_a_stale_version_is_412()
    {
        var definition = await CurrentDefinition();
        await ExpectProblem(await Publish(await api.Staff("not-admin", "leader", "000.01.21.H08"), definition), HttpStatusCode.Forbidden);
        await ExpectProblem(await Publish(await api.Citizen("079203000003"), definition), HttpStatusCode.Forbidden);
        await ExpectProblem(await api.Send(HttpMethod.Put, $"/api/v1/procedures/{Code}", null,
            new StringContent(definition.ToJsonString(), Encoding.UTF8, Json)), HttpStatusCode.Unauthorized);
        await ExpectProblem(await Publish(await api.Staff("catalogue-admin", "admin", "000.00.00.H08"), definition, ifMatch: 1_000),
            HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task the_diagram_is_mermaid_from_the_engine()
    {
        var response = await api.Get($"/api/v1/procedures/{Code}/diagram");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("stateDiagram-v2", text.TrimStart('\uFEFF'));
        Assert.Contains("submitted --> received : receive", text);
        await ExpectProblem(await api.Get("/api/v1/procedures/0.000000/diagram"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_processing_dossier_shows_its_steps_due_time()
    {
        var citizen = await api.Citizen("079203000004");
        var reception = await api.Staff("steps-reception", "reception", "000.00.21.H08");
        var dossier = await api.Act(reception, await api.Submit(citizen, "1.009995"), "receive");
        dossier = await api.Act(reception, dossier, "assign", new { assignee = "steps-officer" });
        var step = dossier["currentStep"]!;
        Assert.Equal("check", step["id"]!.GetValue<string>());
        Assert.NotNull(step["dueAt"]);
        Assert.True(step["dueAt"]!.GetValue<DateTimeOffset>() <= dossier["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains("ok", step["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
    }
}
