using System.Globalization;
using Dossier.Api.Auth;
using Dossier.Api.Problems;
using Dossier.Api.Statistics.Formats;
using Dossier.Projections.Statistics;
using Mediator;
using Microsoft.Net.Http.Headers;

namespace Dossier.Api.Statistics;

/// <summary>
/// API.md section 6: the official report and the indicators for staff, and the same figures as open data for anyone.
/// The format follows <c>Accept</c> (JSON, <c>text/csv</c>, and for the report the XLSX media type), or <c>?format=</c>
/// (json, csv, xlsx) for a plain download link.
/// </summary>
public static class StatisticsApi
{
    public static void MapStatisticsApi(this IEndpointRouteBuilder api)
    {
        var statistics = api.MapGroup("/statistics").WithTags("Statistics").RequireAuthorization(Policies.StatisticsReaders);
        statistics.MapGet("/report", Report)
            .Produces<ProcessingReport>()
            .Produces(StatusCodes.Status200OK, typeof(string), Csv.MediaType, ReportXlsx.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .WithSummary("Form II.06a for a period (local days, both included) and unit: received, resolved, in progress; JSON, CSV or XLSX.");
        statistics.MapGet("/indicators", Indicators)
            .Produces<IndicatorSet>()
            .Produces(StatusCodes.Status200OK, typeof(string), Csv.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .WithSummary("Online rate, satisfaction, on-time and late rates, procedures online and processing time, against the targets; JSON or CSV.");
        statistics.MapGet("/daily", Daily)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Daily counts per unit, procedure and day, with the ratings given: the volume series behind the report.");

        var openData = api.MapGroup("/open-data").WithTags("Open data").AllowAnonymous();
        openData.MapGet("/report", OpenReport)
            .Produces<OpenDataReport>()
            .Produces(StatusCodes.Status200OK, typeof(string), Csv.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .WithSummary("Form II.06a as open data: aggregate counts only, no personal data; JSON or CSV.");
        openData.MapGet("/indicators", OpenIndicators)
            .Produces<OpenDataIndicators>()
            .Produces(StatusCodes.Status200OK, typeof(string), Csv.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .WithSummary("The indicators as open data: aggregate counts only, no personal data; JSON or CSV.");
    }

    private static async Task<IResult> Report(
        string? from, string? to, string? agency, string? format, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        if (Choose(http, format, Format.Json, Format.Csv, Format.Xlsx) is not { } chosen)
        {
            return NotAcceptable(http, xlsx: true);
        }

        var report = await mediator.Send(new GetReport(http.User.ToActor(), new StatisticsQuery(from, to, agency)), ct);
        return chosen switch
        {
            Format.Csv => File(Csv.Write(ReportTable.ReportHeader, ReportTable.ReportRows(report)), Csv.MediaType, ReportFile(report, "csv")),
            Format.Xlsx => File(ReportXlsx.Write(report), ReportXlsx.MediaType, ReportFile(report, "xlsx")),
            _ => TypedResults.Ok(report),
        };
    }

    private static async Task<IResult> Indicators(
        string? from, string? to, string? agency, string? format, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        if (Choose(http, format, Format.Json, Format.Csv) is not { } chosen)
        {
            return NotAcceptable(http, xlsx: false);
        }

        var indicators = await mediator.Send(new GetIndicators(http.User.ToActor(), new StatisticsQuery(from, to, agency)), ct);
        return chosen == Format.Csv
            ? File(Csv.Write(ReportTable.IndicatorHeader, ReportTable.IndicatorRows(indicators)), Csv.MediaType, IndicatorFile(indicators))
            : TypedResults.Ok(indicators);
    }

    private static async Task<IReadOnlyList<DailyStatistics>> Daily(
        string? from, string? to, string? agency, string? procedure, HttpContext http, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new GetDailyStatistics(http.User.ToActor(), new StatisticsQuery(from, to, agency), procedure), ct);

    private static async Task<IResult> OpenReport(
        string? from, string? to, string? agency, string? format, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        if (Choose(http, format, Format.Json, Format.Csv) is not { } chosen)
        {
            return NotAcceptable(http, xlsx: false);
        }

        var report = await mediator.Send(new GetReport(null, new StatisticsQuery(from, to, agency)), ct);
        return chosen == Format.Csv
            ? File(Csv.Write(ReportTable.ReportHeader, ReportTable.ReportRows(report)), Csv.MediaType, ReportFile(report, "csv"))
            : TypedResults.Ok(new OpenDataReport(OpenDataset.Report(http), report));
    }

    private static async Task<IResult> OpenIndicators(
        string? from, string? to, string? agency, string? format, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        if (Choose(http, format, Format.Json, Format.Csv) is not { } chosen)
        {
            return NotAcceptable(http, xlsx: false);
        }

        var indicators = await mediator.Send(new GetIndicators(null, new StatisticsQuery(from, to, agency)), ct);
        return chosen == Format.Csv
            ? File(Csv.Write(ReportTable.IndicatorHeader, ReportTable.IndicatorRows(indicators)), Csv.MediaType, IndicatorFile(indicators))
            : TypedResults.Ok(new OpenDataIndicators(OpenDataset.Indicators(http), indicators));
    }

    private enum Format
    {
        Json,
        Csv,
        Xlsx,
    }

    private static readonly Dictionary<string, Format> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["json"] = Format.Json,
        ["csv"] = Format.Csv,
        ["xlsx"] = Format.Xlsx,
    };

    private static readonly Dictionary<string, Format> ByMediaType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/json"] = Format.Json,
        ["application/*"] = Format.Json,
        ["*/*"] = Format.Json,
        [Csv.MediaType] = Format.Csv,
        ["text/*"] = Format.Csv,
        [ReportXlsx.MediaType] = Format.Xlsx,
    };

    /// <summary>
    /// The <c>format</c> parameter wins; otherwise the acceptable media type of highest quality; JSON without either.
    /// Null when nothing acceptable is offered.
    /// </summary>
    private static Format? Choose(HttpContext http, string? format, params Format[] offered)
    {
        if (format is not null)
        {
            return ByName.TryGetValue(format, out var named) && offered.Contains(named)
                ? named
                : throw ProblemException.Validation("format", $"format must be one of {string.Join(", ", offered.Select(f => f.ToString().ToLowerInvariant()))}.");
        }

        var accept = http.Request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return Format.Json;
        }

        foreach (var mediaType in accept.OrderByDescending(m => m.Quality ?? 1.0))
        {
            if ((mediaType.Quality ?? 1.0) > 0 && ByMediaType.TryGetValue(mediaType.MediaType.Value ?? "", out var wanted) && offered.Contains(wanted))
            {
                return wanted;
            }
        }

        return null;
    }

    /// <summary>
    /// 406 as problem+json although the caller did not accept JSON: RFC 9110 allows it, and it tells them what is offered.
    /// Written directly, because the problem details service declines to write what Accept excludes.
    /// </summary>
    private static IResult NotAcceptable(HttpContext http, bool xlsx) =>
        TypedResults.Problem(
            detail: $"Ask for application/json or {Csv.MediaType}{(xlsx ? " or " + ReportXlsx.MediaType : "")}.",
            statusCode: StatusCodes.Status406NotAcceptable,
            title: "None of the accepted media types is offered.",
            type: ProblemException.TypeBase + "not-acceptable",
            extensions: new Dictionary<string, object?> { ["traceId"] = http.TraceIdentifier });

    private static IResult File(byte[] content, string mediaType, string fileName) =>
        TypedResults.File(content, mediaType == Csv.MediaType ? "text/csv; charset=utf-8" : mediaType, fileName);

    private static string ReportFile(ProcessingReport report, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"bao-cao-II06a_{report.Agency ?? "tat-ca"}_{report.From:yyyy-MM-dd}_{report.To:yyyy-MM-dd}.{extension}");

    private static string IndicatorFile(IndicatorSet set) =>
        string.Create(CultureInfo.InvariantCulture, $"chi-tieu_{set.Agency ?? "tat-ca"}_{set.From:yyyy-MM-dd}_{set.To:yyyy-MM-dd}.csv");
}

/// <summary>What a published data set says about itself.</summary>
public sealed record OpenDataset(string Id, string Title, string Publisher, string License, string Description, string Url)
{
    private const string PublisherName = "Hệ thống một cửa điện tử";
    private const string LicenseName = "CC BY 4.0";

    public static OpenDataset Report(HttpContext http) => new(
        "bao-cao-ii06a", "Tình hình, kết quả giải quyết thủ tục hành chính (biểu mẫu II.06a, Thông tư 01/2020/TT-VPCP)", PublisherName, LicenseName,
        "Số hồ sơ tiếp nhận, đã giải quyết và đang giải quyết theo đơn vị; chỉ số liệu tổng hợp, không có dữ liệu cá nhân.", Link(http));

    public static OpenDataset Indicators(HttpContext http) => new(
        "chi-tieu-cai-cach-hanh-chinh", "Chỉ tiêu giải quyết thủ tục hành chính và mục tiêu của tỉnh", PublisherName, LicenseName,
        "Tỷ lệ trực tuyến, mức độ hài lòng, tỷ lệ đúng hạn, quá hạn, thủ tục trực tuyến và thời gian giải quyết; chỉ số liệu tổng hợp.", Link(http));

    private static string Link(HttpContext http) => http.Request.Path + http.Request.QueryString;
}

public sealed record OpenDataReport(OpenDataset Dataset, ProcessingReport Report);

public sealed record OpenDataIndicators(OpenDataset Dataset, IndicatorSet Indicators);
