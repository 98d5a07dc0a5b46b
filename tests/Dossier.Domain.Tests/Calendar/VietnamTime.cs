using System.Globalization;

namespace Dossier.Domain.Tests.Calendar;

/// <summary>Readable test inputs on the Asia/Ho_Chi_Minh wall clock.</summary>
internal static class VietnamTime
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>"2024-06-03 10:00" read as local time in Vietnam.</summary>
    public static DateTimeOffset At(string localDateTime) =>
        new(DateTime.ParseExact(localDateTime, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Offset);

    public static DateOnly Date(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
