using System.Net;
using System.Text;
using Dossier.Api.Tests.Fixtures;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Statistics;

/// <summary>The report and the indicators published for anyone: aggregate figures only, as JSON and CSV.</summary>
public sealed class OpenData(StatisticsScenario scenario) : IClassFixture<StatisticsScenario>
{
    private const string November = "from=2026-11-01&to=2026-11-30";

    /// <summary>What the scenario's dossiers know about their applicants and the people who handled them.</summary>
    private static readonly string[] PersonalData =
        ["079201000901", "001099012345", "Nguyễn Văn An", "Trần Thị B", "0912345678", "st-reception-a", "st-leader-a", "st-reception-b", "Nộp nhầm"];

    private readonly ApiClient api = scenario.Api;

    [Fact]
    public async Task anyone_reads_the_report_as_json_with_the_data_set_described_and_no_personal_data()
    {
        var response = await api.Get($"/api/v1/open-data/report?{November}");
        var text = await response.Content.ReadAsStringAsync();
        var body = await Expect(response, HttpStatusCode.OK);

        Assert.Equal("bao-cao-ii06a", body["dataset"]!["id"]!.GetValue<string>());
        Assert.Equal("CC BY 4.0", body["dataset"]!["license"]!.GetValue<string>());
        Assert.Equal(2, body["report"]!["total"]!["received"]!["total"]!.GetValue<int>());
        Assert.Equal(1, body["report"]!["total"]!["inProgress"]!["overdue"]!.GetValue<int>());
        Assert.All(PersonalData, p => Assert.DoesNotContain(p, text, StringComparison.Ordinal));
        Assert.DoesNotContain(StatisticsScenario.CommuneA + "-", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task anyone_reads_the_indicators_as_json_and_both_as_csv()
    {
        var indicators = await Expect(await api.Get($"/api/v1/open-data/indicators?{November}"), HttpStatusCode.OK);
        Assert.Equal("chi-tieu-cai-cach-hanh-chinh", indicators["dataset"]!["id"]!.GetValue<string>());
        Assert.Equal(8, indicators["indicators"]!["indicators"]!.AsArray().Count);

        foreach (var path in new[] { "report", "indicators" })
        {
            var response = await api.Send(HttpMethod.Get, $"/api/v1/open-data/{path}?{November}",
                headers: new Dictionary<string, string> { ["Accept"] = "text/csv" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
            Assert.All(PersonalData, p => Assert.DoesNotContain(p, csv, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task open_data_is_read_without_a_token_but_offers_no_spreadsheet()
    {
        var response = await api.Send(HttpMethod.Get, $"/api/v1/open-data/report?{November}",
            headers: new Dictionary<string, string> { ["Accept"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
        await ExpectProblem(response, HttpStatusCode.NotAcceptable, "not-acceptable");
    }
}
