using Dossier.Api.Problems;
using Dossier.Domain.Calendar;

namespace Dossier.Api.Calendar;

public sealed record HolidayView(DateOnly Date, string Name, string Kind);

public sealed record DueView(DateTimeOffset DueAt);

/// <summary>The working-day calendar, public: citizens check appointments with it too.</summary>
public static class CalendarApi
{
    public static void MapCalendarApi(this IEndpointRouteBuilder api)
    {
        var calendar = api.MapGroup("/calendar").WithTags("Calendar").AllowAnonymous();
        calendar.MapGet("/holidays", Holidays).WithSummary("Days off and make-up working Saturdays of a year.");
        calendar.MapGet("/due", Due).WithSummary("The due instant for a receipt time and a number of working days.");
    }

    private static IReadOnlyList<HolidayView> Holidays(int? year, WorkingCalendar calendar)
    {
        if (year is not (>= 1901 and <= 2099))
        {
            throw ProblemException.Validation("year", "year is required, between 1901 and 2099.");
        }

        return calendar.Holidays(year.Value).Select(d => new HolidayView(d.Date, d.Name, Kind(d.Kind))).ToList();
    }

    private static DueView Due(DateTimeOffset? receivedAt, int? workingDays, WorkingCalendar calendar)
    {
        var errors = new Dictionary<string, string[]>();
        if (receivedAt is not { Year: >= 1901 and <= 2098 })
        {
            errors["receivedAt"] = ["receivedAt is required: an ISO 8601 instant with offset, years 1901–2098."];
        }

        if (workingDays is not (>= 1 and <= 365))
        {
            errors["workingDays"] = ["workingDays is required, between 1 and 365."];
        }

        return errors.Count > 0
            ? throw ProblemException.Validation(errors)
            : new DueView(calendar.DueAt(receivedAt!.Value, workingDays!.Value));
    }

    /// <summary>A weekday swapped for a make-up Saturday is, to a client, a compensatory day off.</summary>
    private static string Kind(CalendarDayKind kind) => kind switch
    {
        CalendarDayKind.Holiday => "holiday",
        CalendarDayKind.MakeUpWorkday => "makeUpWorkday",
        _ => "compensatory",
    };
}
