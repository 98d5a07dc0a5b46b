namespace Dossier.Projections.Statistics;

public sealed record ReceivedFigures(int Total, int Online, int InPersonOrPost, int CarriedOver);

public sealed record ResolvedFigures(int Total, int BeforeDeadline, int OnTime, int Late);

public sealed record InProgressFigures(int Total, int WithinDeadline, int Overdue);

/// <summary>Withdrawn, not accepted and stopped in the period: reported apart, never as resolved.</summary>
public sealed record ClosedFigures(int Total, int Withdrawn, int NotAccepted, int Stopped);

/// <summary>One row of form II.06a: a unit (or the total, with a null <see cref="Agency"/>).</summary>
public sealed record ReportRow(
    string? Agency,
    string AgencyName,
    ReceivedFigures Received,
    ResolvedFigures Resolved,
    InProgressFigures InProgress,
    ClosedFigures ClosedWithoutDecision)
{
    public static ReportRow From(UnitTally t, string? agency, string agencyName)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new ReportRow(
            agency,
            agencyName,
            new ReceivedFigures(t.Received, t.ReceivedOnline, t.ReceivedInPersonOrPost, t.CarriedOver),
            new ResolvedFigures(t.Resolved, t.ResolvedBeforeDeadline, t.ResolvedOnTime, t.ResolvedLate),
            new InProgressFigures(t.InProgress, t.InProgress - t.Overdue, t.Overdue),
            new ClosedFigures(t.Withdrawn + t.NotAccepted + t.Stopped, t.Withdrawn, t.NotAccepted, t.Stopped));
    }
}

/// <summary>
/// Form II.06a of Circular 01/2020/TT-VPCP for a period: one row per unit with any dossier in it, plus the total.
/// Dates are local (UTC+7) calendar days, both included; <see cref="AsOf"/> is when "in progress" and "overdue" were judged.
/// </summary>
public sealed record ProcessingReport(
    DateOnly From,
    DateOnly To,
    DateTimeOffset AsOf,
    string? Agency,
    IReadOnlyList<ReportRow> Rows,
    ReportRow Total)
{
    public const string TotalName = "Tổng cộng";

    public static ProcessingReport Compute(StatisticsTallies tallies, Func<string, string> unitName)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        ArgumentNullException.ThrowIfNull(unitName);
        var rows = tallies.Units.Select(t => ReportRow.From(t, t.Unit, unitName(t.Unit))).ToList();
        var total = tallies.Units.Aggregate(new UnitTally(""), (sum, t) => sum.Plus(t));
        return new ProcessingReport(
            tallies.Period.From, tallies.Period.To, tallies.AsOf.ToOffset(Dossier.Domain.Calendar.WorkingCalendar.VietnamOffset), tallies.Unit, rows, ReportRow.From(total, null, TotalName));
    }
}
