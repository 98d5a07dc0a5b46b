using System.Net;
using System.Text.Json.Nodes;
using Dossier.Api.Tests.Fixtures;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Dossiers;

[Collection(ApiCollection.Name)]
public sealed class Concurrency(ApiFactory factory)
{
    private const string Commune = "000.01.21.H08";
    private readonly ApiClient api = new(factory);

    [Fact]
    public async Task two_officers_racing_on_one_dossier_one_wins_the_other_gets_412()
    {
        var citizen = await api.Citizen("079201000501");
        var reception = await api.Staff("race-reception", "reception", Commune);
        var rival = await api.Staff("race-reception-2", "reception", Commune);
        var dossier = await api.Submit(citizen, "1.004873");
        var before = await api.EventCount(Code(dossier));

        for (var round = 0; round < 5 && Status(dossier) == "submitted"; round++)
        {
            var path = $"/api/v1/dossiers/{Code(dossier)}";
            var responses = await Task.WhenAll(
                api.Post($"{path}/receive", reception, new { }, Version(dossier)),
                api.Post($"{path}/not-accept", rival, new { reason = "Sai thẩm quyền" }, Version(dossier)));
            var codes = responses.Select(r => r.StatusCode).OrderBy(c => c).ToList();
            var bodies = string.Join(" | ", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync())));
            Assert.True(codes.SequenceEqual([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed]), bodies);
            var loser = responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed);
            await ExpectProblem(loser, HttpStatusCode.PreconditionFailed, "version-mismatch");
            dossier = await api.Dossier(reception, Code(dossier));
        }

        Assert.Equal(before + 1, await api.EventCount(Code(dossier)));
        Assert.Equal(before + 1, Version(dossier));
        Assert.Contains(Status(dossier), new[] { "received", "notAccepted" });
    }

    [Fact]
    public async Task a_retry_with_the_same_idempotency_key_returns_the_same_dossier()
    {
        var citizen = await api.Citizen("079201000502");
        var key = Guid.NewGuid().ToString();
        var first = await api.Submit(citizen, "1.004873", key);
        var total = await api.TotalEvents();

        var retry = await api.Post("/api/v1/dossiers", citizen, FilingBody("1.004873", citizen.Sub),
            headers: new Dictionary<string, string> { ["Idempotency-Key"] = key });
        var second = await Expect(retry, HttpStatusCode.OK);

        Assert.Equal(Code(first), Code(second));
        Assert.Equal(total, await api.TotalEvents());
    }

    [Fact]
    public async Task concurrent_retries_with_one_key_create_one_dossier()
    {
        var citizen = await api.Citizen("079201000503");
        var key = Guid.NewGuid().ToString();
        var total = await api.TotalEvents();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = key };

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            api.Post("/api/v1/dossiers", citizen, FilingBody("1.004873", citizen.Sub), headers: headers)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        var codes = await Task.WhenAll(responses.Select(async r => Code(JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject())));
        Assert.Single(codes.Distinct());
        Assert.Equal(total + 1, await api.TotalEvents());
    }

    [Fact]
    public async Task the_same_key_with_another_body_is_refused_and_writes_nothing()
    {
        var citizen = await api.Citizen("079201000504");
        var key = Guid.NewGuid().ToString();
        await api.Submit(citizen, "1.004873", key);
        var total = await api.TotalEvents();

        var other = await api.Post("/api/v1/dossiers", citizen, FilingBody("1.000656", citizen.Sub),
            headers: new Dictionary<string, string> { ["Idempotency-Key"] = key });

        await ExpectProblem(other, HttpStatusCode.Conflict, "idempotency-key-reused");
        Assert.Equal(total, await api.TotalEvents());
    }

    [Fact]
    public async Task parallel_submissions_get_unique_gap_free_codes()
    {
        const int count = 24;
        var citizens = await Task.WhenAll(Enumerable.Range(0, count).Select(i => api.Citizen($"0792010006{i:D2}")));

        var dossiers = await Task.WhenAll(citizens.Select(c => api.Submit(c, "2.000884")));

        var sequences = dossiers.Select(d => Code(d))
            .Select(code => (Prefix: code[..code.LastIndexOf('-')], Sequence: int.Parse(code[(code.LastIndexOf('-') + 1)..])))
            .ToList();
        Assert.Single(sequences.Select(s => s.Prefix).Distinct());
        var numbers = sequences.Select(s => s.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(numbers[0], count), numbers);
    }
}
