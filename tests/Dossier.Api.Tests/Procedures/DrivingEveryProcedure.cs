using System.Net;
using System.Text.Json.Nodes;
using Dossier.Api.Tests.Fixtures;
using Dossier.Workflows.Definitions;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Procedures;

/// <summary>
/// A client that knows nothing of a procedure but what the API says — permittedActions and currentStep —
/// takes a dossier of every shipped procedure from submission to a rated result.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DrivingEveryProcedure(ApiFactory factory)
{
    private readonly ApiClient api = new(factory);

    public static TheoryData<string> Codes() => new(ShippedCatalogue.Procedures().Select(p => p.Code));

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task a_client_following_only_the_api_reaches_a_rated_result(string code)
    {
        var definition = await Expect(await api.Get($"/api/v1/procedures/{code}"), HttpStatusCode.OK);
        var citizen = await api.Citizen($"0792020{Math.Abs(code.GetHashCode()) % 100000:D5}");
        var dossier = await api.Submit(citizen, code);

        for (var moves = 0; Status(dossier) != "resultReturned"; moves++)
        {
            Assert.True(moves < 40, $"{code} did not finish: {dossier.ToJsonString()}");
            dossier = await NextMove(dossier, citizen, definition["definition"]!.AsObject());
        }

        dossier = await api.Dossier(citizen, Code(dossier));
        Assert.Equal(["rate"], Permitted(dossier));
        dossier = await api.Act(citizen, dossier, "rate", new { rating = "satisfied" });
        Assert.Empty(Permitted(dossier));
    }

    private async Task<JsonObject> NextMove(JsonObject dossier, Person citizen, JsonObject definition)
    {
        var agency = definition["agency"]!.GetValue<string>();
        var step = dossier["currentStep"] as JsonObject;
        var firstStep = definition["steps"]![0]!;
        var unit = step?["agency"]?.GetValue<string>() ?? firstStep["agency"]?.GetValue<string>() ?? agency;
        var role = step?["role"]?.GetValue<string>() ?? firstStep["role"]!.GetValue<string>();
        var assignee = step?["assignee"]?.GetValue<string>();
        var worker = await api.Staff($"{role}-of-{unit}", role, unit);
        var candidates = new List<Person>
        {
            assignee is not null && assignee == worker.Sub ? worker : await api.Staff($"leader-of-{unit}", "leader", unit),
            await api.Staff($"reception-of-{agency}", "reception", agency),
            await api.Staff($"leader-of-{agency}", "leader", agency),
            citizen,
        };

        foreach (var person in candidates)
        {
            var view = await api.Dossier(person, Code(dossier));
            var permitted = Permitted(view);
            if (Choose(permitted, view, worker, person, definition) is { } move)
            {
                return await api.Act(person, view, move.Action, move.Body);
            }
        }

        throw new Xunit.Sdk.XunitException($"Nobody could move {Code(dossier)} on: {dossier.ToJsonString()}");
    }

    /// <summary>
    /// The next move from what the API offers. An outcome is chosen that leads to a later step, as read from
    /// the published definition, so the walk moves forward; the branches are walked in the engine's tests.
    /// </summary>
    private static (string Action, object Body)? Choose(
        IReadOnlyList<string> permitted, JsonObject view, Person worker, Person person, JsonObject definition)
    {
        var step = view["currentStep"] as JsonObject;
        if (permitted.Contains("receive"))
        {
            return ("receive", new { });
        }

        if (permitted.Contains("approve"))
        {
            return ("approve", new { });
        }

        if (permitted.Contains("complete-step"))
        {
            return ("complete-step", new { outcome = ForwardOutcome(step!, definition), opinion = "Đạt yêu cầu" });
        }

        if (permitted.Contains("assign") && step?["assignee"] is null)
        {
            return ("assign", new { assignee = worker.Sub });
        }

        if (permitted.Contains("return-result"))
        {
            var deliveries = definition["resultDeliveries"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
            return ("return-result", new { method = person.Role == "citizen" ? "online" : deliveries.First(d => d != "online") });
        }

        return null;
    }

    private static string? ForwardOutcome(JsonObject step, JsonObject definition)
    {
        var steps = definition["steps"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
        var here = steps.IndexOf(step["id"]!.GetValue<string>());
        var outcomes = definition["steps"]![here]!["outcomes"]!.AsArray();
        return outcomes.FirstOrDefault(o => steps.IndexOf(o!["goTo"]!.GetValue<string>()) > here)?["name"]?.GetValue<string>();
    }
}
