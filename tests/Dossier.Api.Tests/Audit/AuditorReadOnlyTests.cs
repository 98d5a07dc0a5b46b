using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dossier.Api.Tests.Fixtures;
using Dossier.Domain.Dossiers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Audit;

/// <summary>Auditors read everything and change nothing: every command route refuses them before it reads the body.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditorReadOnlyTests(ApiFactory factory)
{
    private const string District = "000.00.21.H08";
    private const string Auditor = "readonly-auditor";
    private readonly ApiClient api = new(factory);

    /// <summary>A body each action would accept from someone allowed to take it, so that only the role stands in the way.</summary>
    private static readonly Dictionary<DossierAction, object> Bodies = new()
    {
        [DossierAction.Receive] = new { },
        [DossierAction.NotAccept] = new { reason = "Thiếu giấy tờ" },
        [DossierAction.RequestSupplement] = new { reason = "Thiếu bản sao", items = new[] { "Bản sao CCCD" } },
        [DossierAction.ProvideSupplement] = new { documents = new[] { new { name = "Bản sao CCCD", sha256 = new string('a', 64) } } },
        [DossierAction.Assign] = new { assignee = "readonly-officer" },
        [DossierAction.CompleteStep] = new { outcome = "ok" },
        [DossierAction.RequestPayment] = new { amount = 50_000 },
        [DossierAction.Pay] = new { amount = 50_000, reference = "PAY-1" },
        [DossierAction.Approve] = new { },
        [DossierAction.Refuse] = new { reason = "Không đủ điều kiện" },
        [DossierAction.IssueApology] = new { reason = "Quá tải", newDueAt = ApiFactory.Start.AddDays(20) },
        [DossierAction.ReturnResult] = new { method = "inPerson" },
        [DossierAction.Withdraw] = new { reason = "Không còn nhu cầu" },
        [DossierAction.Stop] = new { reason = "Dừng theo yêu cầu" },
        [DossierAction.Rate] = new { rating = "satisfied" },
    };

    [Fact]
    public async Task an_auditor_is_refused_every_dossier_command_and_nothing_is_written()
    {
        var auditor = await api.Staff(Auditor, "auditor", District);
        var reception = await api.Staff("readonly-reception", "reception", District);
        var dossier = await api.Act(reception, await api.Submit(await api.Citizen("079207000001"), "1.009995"), "receive");

        await ExpectProblem(await api.Post("/api/v1/dossiers", auditor, FilingBody("1.009995", "079207000002")), HttpStatusCode.Forbidden);
        var direct = FilingBody("1.009995", "079207000003");
        direct["channel"] = "inPerson";
        await ExpectProblem(await api.Post("/api/v1/dossiers/direct", auditor, direct), HttpStatusCode.Forbidden);
        foreach (var action in Enum.GetValues<DossierAction>())
        {
            var response = await api.Post($"/api/v1/dossiers/{Code(dossier)}/{action.Name()}", auditor, Bodies[action], Version(dossier));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{action.Name()}: {(int)response.StatusCode}");
        }

        Assert.Equal(Version(dossier), await api.EventCount(Code(dossier)));
        Assert.Equal(0L, await EventsBy(Auditor));
    }

    [Fact]
    public async Task an_auditor_cannot_publish_a_procedure()
    {
        const string procedure = "2.000884";
        var auditor = await api.Staff(Auditor, "auditor", District);
        var definition = (await Expect(await api.Get($"/api/v1/procedures/{procedure}"), HttpStatusCode.OK))["definition"]!;
        var versions = await Versions(procedure);

        await ExpectProblem(await api.Send(HttpMethod.Put, $"/api/v1/procedures/{procedure}", auditor,
            new StringContent(definition.ToJsonString(), Encoding.UTF8, Json)), HttpStatusCode.Forbidden);

        Assert.Equal(versions, await Versions(procedure));
    }

    private async Task<int> Versions(string procedure) =>
        JsonNode.Parse(await (await api.Get($"/api/v1/procedures/{procedure}/versions")).Content.ReadAsStringAsync())!.AsArray().Count;

    private async Task<long> EventsBy(string person)
    {
        await using var command = factory.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("select count(*) from dossier.mt_events where headers ->> 'actor' = $1");
        command.Parameters.AddWithValue(person);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
