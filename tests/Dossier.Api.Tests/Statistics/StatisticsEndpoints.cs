using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Dossier.Api.Tests.Fixtures;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Definitions;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Statistics;

/// <summary>GET /statistics/report and /statistics/indicators over HTTP: JSON, CSV and XLSX, and who may read what.</summary>
public sealed class StatisticsEndpoints(StatisticsScenario scenario) : IClassFixture<StatisticsScenario>
{
    private const string November = "from=2026-11-01&to=2026-11-30";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private readonly ApiClient api = scenario.Api;

    [Fact]
    public async Task a_leader_reads_form_II06a_for_every_unit()
    {
        var leader = await api.Staff("st-leader-x", "leader", "000.00.01.H08");
        var report = await Expect(await api.Get($"/api/v1/statistics/report?{November}", leader), HttpStatusCode.OK);

        Assert.Equal("2026-11-01", report["from"]!.GetValue<string>());
        Assert.Equal("2026-11-30", report["to"]!.GetValue<string>());
        Assert.Equal("2026-11-25T10:00:00+07:00", report["asOf"]!.GetValue<string>());
        var rows = report["rows"]!.AsArray();
        Assert.Equal([StatisticsScenario.CommuneA, StatisticsScenario.CommuneB], rows.Select(r => r!["agency"]!.GetValue<string>()));
        Assert.Equal("""{"total":1,"online":1,"inPersonOrPost":0,"carriedOver":0}""", rows[0]!["received"]!.ToJsonString());
        Assert.Equal("""{"total":1,"beforeDeadline":1,"onTime":0,"late":0}""", rows[0]!["resolved"]!.ToJsonString());
        Assert.Equal("""{"total":0,"withinDeadline":0,"overdue":0}""", rows[0]!["inProgress"]!.ToJsonString());
        Assert.Equal("""{"total":1,"withdrawn":1,"notAccepted":0,"stopped":0}""", rows[0]!["closedWithoutDecision"]!.ToJsonString());
        Assert.Equal("""{"total":1,"online":0,"inPersonOrPost":1,"carriedOver":0}""", rows[1]!["received"]!.ToJsonString());
        Assert.Equal("""{"total":1,"withinDeadline":0,"overdue":1}""", rows[1]!["inProgress"]!.ToJsonString());
        var total = report["total"]!;
        Assert.Null(total["agency"]);
        Assert.Equal("Tổng cộng", total["agencyName"]!.GetValue<string>());
        Assert.Equal("""{"total":2,"online":1,"inPersonOrPost":1,"carriedOver":0}""", total["received"]!.ToJsonString());
    }

    [Fact]
    public async Task the_indicators_carry_numerator_denominator_target_and_whether_it_is_met()
    {
        var auditor = await api.Staff("st-auditor", "auditor", "000.00.00.H08");
        var set = await Expect(await api.Get($"/api/v1/statistics/indicators?{November}", auditor), HttpStatusCode.OK);
        var byCode = set["indicators"]!.AsArray().ToDictionary(i => i!["code"]!.GetValue<string>(), i => i!);

        Assert.Equal("""{"value":100,"numerator":1,"denominator":1,"target":30,"met":true}""", Figures(byCode["onlineRate"]));
        Assert.Equal("""{"value":100,"numerator":1,"denominator":1,"target":80,"met":true}""", Figures(byCode["satisfaction"]));
        Assert.Equal("""{"value":100,"numerator":1,"denominator":1,"target":80,"met":true}""", Figures(byCode["satisfactionAmongRatings"]));
        Assert.Equal("""{"value":100,"numerator":1,"denominator":1,"target":null,"met":null}""", Figures(byCode["onTimeRate"]));
        // One overdue in progress of two received.
        Assert.Equal("""{"value":50,"numerator":1,"denominator":2,"target":null,"met":null}""", Figures(byCode["lateRate"]));
        // Every shipped procedure is offered at level 3 or 4, some at level 4.
        var shipped = ShippedCatalogue.Procedures();
        var level4 = shipped.Count(p => p.Level == ServiceLevel.Level4);
        Assert.Equal($$"""{"value":100,"numerator":{{shipped.Count}},"denominator":{{shipped.Count}},"target":60,"met":true}""", Figures(byCode["proceduresOnline"]));
        Assert.Equal(level4, byCode["proceduresFullyOnline"]!["numerator"]!.GetValue<long>());
        Assert.Equal(shipped.Count, byCode["proceduresFullyOnline"]!["denominator"]!.GetValue<long>());
        Assert.Equal("""{"value":0,"numerator":0,"denominator":1,"target":null,"met":null}""", Figures(byCode["averageProcessingTime"]));
        var time = Assert.Single(set["processingTimeByProcedure"]!.AsArray())!;
        Assert.Equal("1.001193", time["procedureCode"]!.GetValue<string>());
        Assert.Equal(StatisticsScenario.CommuneA, time["agency"]!.GetValue<string>());
    }

    [Fact]
    public async Task the_report_comes_as_csv_for_excel_rfc_4180_with_vietnamese_headings()
    {
        var admin = await api.Staff("st-admin", "admin", "000.00.00.H08");
        var response = await Send(admin, $"/api/v1/statistics/report?{November}", "text/csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("bao-cao-II06a_tat-ca_2026-11-01_2026-11-30.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("Mã đơn vị,Đơn vị,Số hồ sơ tiếp nhận: Tổng số,Số hồ sơ tiếp nhận: Trực tuyến,\"Số hồ sơ tiếp nhận: Trực tiếp, dịch vụ bưu chính\","
            + "Số hồ sơ tiếp nhận: Kỳ trước chuyển qua,Số hồ sơ đã giải quyết: Tổng số,Số hồ sơ đã giải quyết: Trước hạn,Số hồ sơ đã giải quyết: Đúng hạn,"
            + "Số hồ sơ đã giải quyết: Quá hạn,Số hồ sơ đang giải quyết: Tổng số,Số hồ sơ đang giải quyết: Trong hạn,Số hồ sơ đang giải quyết: Quá hạn,"
            + "Không giải quyết: Rút hồ sơ,Không giải quyết: Không được tiếp nhận,Không giải quyết: Dừng xử lý", lines[0]);
        Assert.StartsWith($"{StatisticsScenario.CommuneA},", lines[1]);
        Assert.EndsWith(",1,1,0,0,1,1,0,0,0,0,0,1,0,0", lines[1]);
        Assert.StartsWith($"{StatisticsScenario.CommuneB},", lines[2]);
        Assert.Equal(",Tổng cộng,2,1,1,0,1,1,0,0,1,0,1,1,0,0", lines[3]);
        Assert.Equal("", lines[4]);
        Assert.Equal(5, lines.Length);

        var indicators = await Send(admin, $"/api/v1/statistics/indicators?{November}&format=csv", "application/json");
        var csv = Encoding.UTF8.GetString((await indicators.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n");
        Assert.Equal("Mã chỉ tiêu,Chỉ tiêu,Mã thủ tục,Đơn vị tính,Giá trị,Tử số,Mẫu số,Mục tiêu,Đạt", csv[0]);
        Assert.Contains(csv, l => l.StartsWith("onlineRate,", StringComparison.Ordinal) && l.EndsWith(",%,100,1,1,30,true", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("averageProcessingTime,", StringComparison.Ordinal) && l.Contains(",1.001193,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_report_comes_as_an_xlsx_workbook_that_opens()
    {
        var leader = await api.Staff("st-leader-y", "leader", "000.00.01.H08");
        var response = await Send(leader, $"/api/v1/statistics/report?{November}", Xlsx);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = Assert.Single(document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>());
        Assert.Equal("II.06a", sheet.Name!.Value);
        var worksheet = ((WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
        var cells = worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!, Text);

        Assert.StartsWith("Biểu mẫu II.06a", cells["A1"]);
        Assert.Contains("từ ngày 01/11/2026 đến ngày 30/11/2026", cells["A2"]);
        Assert.Equal("Số hồ sơ tiếp nhận", cells["C4"]);
        Assert.Equal("Trực tuyến", cells["D5"]);
        Assert.Equal(StatisticsScenario.CommuneA, cells["A6"]);
        Assert.Equal("1", cells["D6"]);
        Assert.Equal(StatisticsScenario.CommuneB, cells["A7"]);
        Assert.Equal("1", cells["M7"]);
        Assert.Equal("Tổng cộng", cells["B8"]);
        Assert.Equal("2", cells["C8"]);
        Assert.Contains(worksheet.Descendants<MergeCell>(), m => m.Reference!.Value == "C4:F4");
    }

    [Fact]
    public async Task reception_and_officers_read_their_own_unit_only()
    {
        var officer = await api.Staff("st-officer-b", "officer", StatisticsScenario.CommuneB);
        var own = await Expect(await api.Get($"/api/v1/statistics/report?{November}", officer), HttpStatusCode.OK);
        Assert.Equal(StatisticsScenario.CommuneB, own["agency"]!.GetValue<string>());
        Assert.Equal([StatisticsScenario.CommuneB], own["rows"]!.AsArray().Select(r => r!["agency"]!.GetValue<string>()));

        var reception = await api.Staff("st-reception-b2", "reception", StatisticsScenario.CommuneB);
        await ExpectProblem(await api.Get($"/api/v1/statistics/report?{November}&agency={StatisticsScenario.CommuneA}", reception),
            HttpStatusCode.Forbidden, "forbidden");
        await ExpectProblem(await api.Get($"/api/v1/statistics/indicators?{November}&agency={StatisticsScenario.CommuneA}", officer),
            HttpStatusCode.Forbidden, "forbidden");
        await ExpectProblem(await api.Get($"/api/v1/statistics/daily?{November}&agency={StatisticsScenario.CommuneA}", officer),
            HttpStatusCode.Forbidden, "forbidden");

        var daily = JsonNode.Parse(await (await api.Get($"/api/v1/statistics/daily?{November}", officer)).Content.ReadAsStringAsync())!.AsArray();
        Assert.All(daily, d => Assert.Equal(StatisticsScenario.CommuneB, d!["unit"]!.GetValue<string>()));
        Assert.Equal(1, daily.Sum(d => d!["receivedInPerson"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("/api/v1/statistics/report")]
    [InlineData("/api/v1/statistics/indicators")]
    [InlineData("/api/v1/statistics/daily")]
    public async Task citizens_and_anonymous_callers_are_refused(string path)
    {
        var citizen = await api.Citizen("079201000902");
        await ExpectProblem(await api.Get($"{path}?{November}", citizen), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Get($"{path}?{November}")).StatusCode);
    }

    [Theory]
    [InlineData("from=2026-11-30&to=2026-11-01", "to")]
    [InlineData("from=2026-13-01&to=2026-11-30", "from")]
    [InlineData("from=01/11/2026", "from")]
    [InlineData("from=2010-01-01&to=2026-11-30", "to")]
    [InlineData("from=2026-11-01&to=2026-11-30&agency=not%20a%20unit", "agency")]
    [InlineData("from=2026-11-01&format=pdf", "format")]
    public async Task a_bad_period_unit_or_format_is_a_400_problem(string query, string field)
    {
        var leader = await api.Staff("st-leader-z", "leader", "000.00.01.H08");
        var problem = await ExpectProblem(await api.Get($"/api/v1/statistics/report?{query}", leader), HttpStatusCode.BadRequest, "validation");
        Assert.NotNull(problem["errors"]![field]);
        var open = await ExpectProblem(await api.Get($"/api/v1/open-data/report?{query.Replace("format=pdf", "format=xlsx", StringComparison.Ordinal)}"),
            HttpStatusCode.BadRequest, "validation");
        Assert.NotNull(open["errors"]![field]);
    }

    [Fact]
    public async Task a_media_type_not_offered_is_a_406_problem()
    {
        var leader = await api.Staff("st-leader-w", "leader", "000.00.01.H08");
        await ExpectProblem(await Send(leader, $"/api/v1/statistics/report?{November}", "application/pdf"), HttpStatusCode.NotAcceptable, "not-acceptable");
        await ExpectProblem(await Send(leader, $"/api/v1/statistics/indicators?{November}", Xlsx), HttpStatusCode.NotAcceptable, "not-acceptable");
    }

    [Fact]
    public async Task without_a_period_the_report_covers_the_current_month_up_to_today()
    {
        var leader = await api.Staff("st-leader-v", "leader", "000.00.01.H08");
        var report = await Expect(await api.Get("/api/v1/statistics/report", leader), HttpStatusCode.OK);
        Assert.Equal("2026-11-01", report["from"]!.GetValue<string>());
        Assert.Equal("2026-11-25", report["to"]!.GetValue<string>());
        Assert.Equal(2, report["total"]!["received"]!["total"]!.GetValue<int>());
    }

    private Task<HttpResponseMessage> Send(Person who, string path, string accept)
    {
        return api.Send(HttpMethod.Get, path, who, headers: new Dictionary<string, string> { ["Accept"] = accept });
    }

    private static string Figures(JsonNode indicator) => new JsonObject
    {
        ["value"] = indicator["value"]?.DeepClone(),
        ["numerator"] = indicator["numerator"]!.DeepClone(),
        ["denominator"] = indicator["denominator"]!.DeepClone(),
        ["target"] = indicator["target"]?.DeepClone(),
        ["met"] = indicator["met"]?.DeepClone(),
    }.ToJsonString();

    private static string Text(Cell cell) => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";
}
