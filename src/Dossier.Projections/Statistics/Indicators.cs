namespace Dossier.Projections.Statistics;

/// <summary>
/// One indicator of DOMAIN.md "Indicators and targets": <see cref="Value"/> = numerator ÷ denominator (a percentage,
/// or working days for the processing time), null when the denominator is 0. <see cref="Met"/> is null when there is
/// no target or nothing to measure.
/// </summary>
public sealed record Indicator(
    string Code,
    string Name,
    string Unit,
    decimal? Value,
    long Numerator,
    long Denominator,
    decimal? Target,
    bool? Met)
{
    public const string Percent = "percent";
    public const string WorkingDays = "workingDays";

    public static Indicator Rate(string code, string name, long numerator, long denominator, decimal? target)
    {
        decimal? value = denominator == 0 ? null : Math.Round(100m * numerator / denominator, 2, MidpointRounding.AwayFromZero);
        // Judge the target on the exact fraction, not on the rounded percentage.
        bool? met = target is { } t && denominator > 0 ? 100m * numerator >= t * denominator : null;
        return new Indicator(code, name, Percent, value, numerator, denominator, target, met);
    }

    public static Indicator Mean(string code, string name, long total, long count) =>
        new(code, name, WorkingDays, count == 0 ? null : Math.Round((decimal)total / count, 2, MidpointRounding.AwayFromZero),
            total, count, null, null);
}

/// <summary>The mean working days from receipt to decision of one procedure's dossiers resolved in the period.</summary>
public sealed record ProcessingTime(
    string ProcedureCode,
    string ProcedureName,
    string Agency,
    decimal? Value,
    long Numerator,
    long Denominator,
    decimal? Target,
    bool? Met);

public sealed record IndicatorSet(
    DateOnly From,
    DateOnly To,
    DateTimeOffset AsOf,
    string? Agency,
    IReadOnlyList<Indicator> Indicators,
    IReadOnlyList<ProcessingTime> ProcessingTimeByProcedure)
{
    public const string OnlineRate = "onlineRate";
    public const string Satisfaction = "satisfaction";
    public const string SatisfactionAmongRatings = "satisfactionAmongRatings";
    public const string OnTimeRate = "onTimeRate";
    public const string LateRate = "lateRate";
    public const string ProceduresOnline = "proceduresOnline";
    public const string ProceduresFullyOnline = "proceduresFullyOnline";
    public const string AverageProcessingTime = "averageProcessingTime";

    /// <summary>The province's targets (Bình Định plan 2021), in percent.</summary>
    public const decimal OnlineTarget = 30m;
    public const decimal SatisfactionTarget = 80m;
    public const decimal ProceduresOnlineTarget = 60m;

    public Indicator this[string code] => Indicators.Single(i => i.Code == code);

    /// <summary>
    /// Complaints (phản ánh, kiến nghị) are not recorded by the engine yet, so Decision 766's satisfaction subtracts only
    /// the dossiers rated "not satisfied".
    /// </summary>
    public static IndicatorSet Compute(StatisticsTallies tallies, CatalogueTally catalogue)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        ArgumentNullException.ThrowIfNull(catalogue);
        var t = tallies.Units.Aggregate(new UnitTally(""), (sum, u) => sum.Plus(u));
        var procedures = tallies.Procedures
            .Select(p =>
            {
                var mean = Indicator.Mean(AverageProcessingTime, p.ProcedureName, p.WorkingDays, p.Resolved);
                return new ProcessingTime(p.ProcedureCode, p.ProcedureName, p.Unit, mean.Value, mean.Numerator, mean.Denominator, null, null);
            })
            .ToList();
        Indicator[] indicators =
        [
            Indicator.Rate(OnlineRate, "Tỷ lệ hồ sơ trực tuyến (mức độ 3, 4) trên tổng số hồ sơ đã giải quyết", t.ResolvedOnline, t.Resolved, OnlineTarget),
            Indicator.Rate(Satisfaction, "Mức độ hài lòng (Quyết định 766/QĐ-TTg)", t.Resolved - t.ResolvedRatedNotSatisfied, t.Resolved, SatisfactionTarget),
            Indicator.Rate(SatisfactionAmongRatings, "Tỷ lệ đánh giá hài lòng, rất hài lòng trên tổng số đánh giá", t.RatingsSatisfied, t.Ratings, SatisfactionTarget),
            Indicator.Rate(OnTimeRate, "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn", t.ResolvedBeforeDeadline + t.ResolvedOnTime, t.Resolved, null),
            Indicator.Rate(LateRate, "Tỷ lệ hồ sơ quá hạn (đã giải quyết quá hạn và đang giải quyết quá hạn)", t.ResolvedLate + t.Overdue, t.Received, null),
            Indicator.Rate(ProceduresOnline, "Tỷ lệ thủ tục hành chính cung cấp trực tuyến mức độ 3, 4", catalogue.Level3Or4, catalogue.Procedures, ProceduresOnlineTarget),
            Indicator.Rate(ProceduresFullyOnline, "Tỷ lệ thủ tục hành chính cung cấp trực tuyến toàn trình (mức độ 4)", catalogue.Level4, catalogue.Procedures, null),
            Indicator.Mean(AverageProcessingTime, "Thời gian giải quyết trung bình (ngày làm việc)", t.ProcessingWorkingDays, t.Resolved),
        ];
        return new IndicatorSet(tallies.Period.From, tallies.Period.To, tallies.AsOf.ToOffset(Dossier.Domain.Calendar.WorkingCalendar.VietnamOffset), tallies.Unit, indicators, procedures);
    }
}
