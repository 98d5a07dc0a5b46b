using Dossier.Projections.Statistics;

namespace Dossier.Api.Statistics.Formats;

/// <summary>The columns of form II.06a and of the indicators as tables, with their Vietnamese headings.</summary>
public static class ReportTable
{
    public static readonly IReadOnlyList<(string Group, string Column)> ReportColumns =
    [
        ("", "Mã đơn vị"),
        ("", "Đơn vị"),
        ("Số hồ sơ tiếp nhận", "Tổng số"),
        ("Số hồ sơ tiếp nhận", "Trực tuyến"),
        ("Số hồ sơ tiếp nhận", "Trực tiếp, dịch vụ bưu chính"),
        ("Số hồ sơ tiếp nhận", "Kỳ trước chuyển qua"),
        ("Số hồ sơ đã giải quyết", "Tổng số"),
        ("Số hồ sơ đã giải quyết", "Trước hạn"),
        ("Số hồ sơ đã giải quyết", "Đúng hạn"),
        ("Số hồ sơ đã giải quyết", "Quá hạn"),
        ("Số hồ sơ đang giải quyết", "Tổng số"),
        ("Số hồ sơ đang giải quyết", "Trong hạn"),
        ("Số hồ sơ đang giải quyết", "Quá hạn"),
        ("Không giải quyết", "Rút hồ sơ"),
        ("Không giải quyết", "Không được tiếp nhận"),
        ("Không giải quyết", "Dừng xử lý"),
    ];

    /// <summary>One heading per column for CSV: "group: column".</summary>
    public static IReadOnlyList<string> ReportHeader =>
        ReportColumns.Select(c => c.Group.Length == 0 ? c.Column : $"{c.Group}: {c.Column}").ToList();

    public static IEnumerable<IReadOnlyList<object?>> ReportRows(ProcessingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Rows.Append(report.Total).Select(Cells);
    }

    private static IReadOnlyList<object?> Cells(ReportRow r) =>
    [
        r.Agency ?? "",
        r.AgencyName,
        r.Received.Total, r.Received.Online, r.Received.InPersonOrPost, r.Received.CarriedOver,
        r.Resolved.Total, r.Resolved.BeforeDeadline, r.Resolved.OnTime, r.Resolved.Late,
        r.InProgress.Total, r.InProgress.WithinDeadline, r.InProgress.Overdue,
        r.ClosedWithoutDecision.Withdrawn, r.ClosedWithoutDecision.NotAccepted, r.ClosedWithoutDecision.Stopped,
    ];

    public static readonly IReadOnlyList<string> IndicatorHeader =
        ["Mã chỉ tiêu", "Chỉ tiêu", "Mã thủ tục", "Đơn vị tính", "Giá trị", "Tử số", "Mẫu số", "Mục tiêu", "Đạt"];

    public static IEnumerable<IReadOnlyList<object?>> IndicatorRows(IndicatorSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        foreach (var i in set.Indicators)
        {
            yield return [i.Code, i.Name, "", UnitName(i.Unit), i.Value, i.Numerator, i.Denominator, i.Target, i.Met];
        }

        foreach (var p in set.ProcessingTimeByProcedure)
        {
            yield return [IndicatorSet.AverageProcessingTime, p.ProcedureName, p.ProcedureCode, UnitName(Indicator.WorkingDays),
                p.Value, p.Numerator, p.Denominator, p.Target, p.Met];
        }
    }

    private static string UnitName(string unit) => unit == Indicator.Percent ? "%" : "ngày làm việc";
}
