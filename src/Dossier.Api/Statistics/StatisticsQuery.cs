using System.Globalization;
using System.Text.RegularExpressions;
using Dossier.Api.Problems;
using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Projections.Statistics;

namespace Dossier.Api.Statistics;

/// <summary>
/// The period and unit of a statistics request as the query string gives them: <c>from</c> and <c>to</c> are local
/// dates (<c>yyyy-MM-dd</c>), both included; without them the period is the current month up to today.
/// </summary>
public sealed partial record StatisticsQuery(string? From, string? To, string? Agency)
{
    public ReportPeriod Period(DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var today = DateOnly.FromDateTime(now.ToOffset(WorkingCalendar.VietnamOffset).DateTime);
        var to = ParseDate("to", To, errors) ?? today;
        var from = ParseDate("from", From, errors) ?? new DateOnly(to.Year, to.Month, 1);
        if (Agency is not null && !UnitIdentifier().IsMatch(Agency))
        {
            errors["agency"] = ["agency must be a unit identifier such as 000.00.01.H08."];
        }

        if (errors.Count == 0 && to < from)
        {
            errors["to"] = ["to must not be before from."];
        }

        if (errors.Count == 0 && to > from.AddYears(ReportPeriod.MaxYears))
        {
            errors["to"] = [$"A period spans at most {ReportPeriod.MaxYears} years."];
        }

        if (errors.Count > 0)
        {
            throw ProblemException.Validation(errors);
        }

        return new ReportPeriod(from, to);
    }

    /// <summary>
    /// The unit whose figures the caller may read: reception and handling officers only their own unit; leaders,
    /// auditors and administrators any unit or all of them; the public (null caller) any, as open data.
    /// </summary>
    public string? ScopeFor(Actor? caller)
    {
        if (caller is null || caller.Role is Role.Leader or Role.Auditor or Role.Admin)
        {
            return Agency;
        }

        if (caller.Role is Role.Reception or Role.Officer && caller.Agency is not null)
        {
            return Agency is null || Agency == caller.Agency
                ? caller.Agency
                : throw ProblemException.Forbidden($"You work for {caller.Agency}; the statistics of {Agency} are not yours to read.");
        }

        throw ProblemException.Forbidden("Statistics are for staff, leaders, auditors and administrators.");
    }

    private static DateOnly? ParseDate(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 2000 and <= 2099)
        {
            return date;
        }

        errors[field] = [$"{field} must be a date between 2000 and 2099 written yyyy-MM-dd."];
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9]{1,10}(\.[A-Za-z0-9]{1,10}){0,5}$")]
    private static partial Regex UnitIdentifier();
}
