using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dossier.Domain.Calendar;

/// <summary>The official yearly schedules, read from the JSON files embedded under Calendar/Schedules.</summary>
internal static class OfficialSchedules
{
    private const string ResourcePrefix = "Dossier.Domain.Calendar.Schedules.";
    private const string ResourceSuffix = ".json";

    public static IReadOnlyDictionary<int, IReadOnlyList<CalendarDay>> ByYear { get; } = Load();

    private static Dictionary<int, IReadOnlyList<CalendarDay>> Load()
    {
        var assembly = typeof(OfficialSchedules).Assembly;
        var schedules = new Dictionary<int, IReadOnlyList<CalendarDay>>();
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(ResourceSuffix, StringComparison.Ordinal)))
        {
            var (year, days) = Read(assembly, resource);
            if (!schedules.TryAdd(year, days))
                throw new InvalidOperationException($"Two embedded schedules are for {year}.");
        }
        return schedules;
    }

    private static (int Year, IReadOnlyList<CalendarDay> Days) Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded schedule {resource} cannot be opened.");
        var file = JsonSerializer.Deserialize(stream, ScheduleJsonContext.Default.ScheduleFile)
            ?? throw new InvalidOperationException($"Embedded schedule {resource} is empty.");

        var days = file.Days
            .Select(d => new CalendarDay(d.Date, d.Name, ParseKind(d.Kind, resource)))
            .OrderBy(d => d.Date)
            .ToList();
        if (days.FirstOrDefault(d => d.Date.Year != file.Year) is { } stray)
            throw new InvalidOperationException($"Schedule {resource} for {file.Year} lists {stray.Date:O}.");
        if (days.GroupBy(d => d.Date).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw new InvalidOperationException($"Schedule {resource} lists {repeated.Key:O} more than once.");
        if (days.FirstOrDefault(d => d.Kind == CalendarDayKind.MakeUpWorkday && !HolidayRules.IsWeekend(d.Date)) is { } weekday)
            throw new InvalidOperationException($"Schedule {resource} makes up work on {weekday.Date:O}, which is not a weekend day.");
        return (file.Year, days);
    }

    private static CalendarDayKind ParseKind(string kind, string resource) => kind switch
    {
        "holiday" => CalendarDayKind.Holiday,
        "compensatory" => CalendarDayKind.Compensatory,
        "swappedDayOff" => CalendarDayKind.SwappedDayOff,
        "makeUpWorkday" => CalendarDayKind.MakeUpWorkday,
        _ => throw new InvalidOperationException($"Schedule {resource} has an unknown kind of day \"{kind}\"."),
    };
}

internal sealed record ScheduleFile(int Year, IReadOnlyList<ScheduleFileDay> Days);

internal sealed record ScheduleFileDay(DateOnly Date, string Kind, string Name);

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ScheduleFile))]
internal sealed partial class ScheduleJsonContext : JsonSerializerContext;
