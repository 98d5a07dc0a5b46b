namespace Dossier.Domain.Calendar;

/// <summary>
/// The Vietnamese lunar calendar: months start on the local day of the astronomical new moon, month 11 holds the
/// winter solstice, and a year with 13 months repeats the first month that contains no major solar term.
/// Reckoned for UTC+7 (Decree 121-CP of 1967, meridian 105°E); Chinese tables use UTC+8 and differ in some years.
/// The astronomy follows Hồ Ngọc Đức's algorithm (after Meeus), accurate from 1900 to 2100.
/// </summary>
public static class VietnameseLunarCalendar
{
    public static readonly DateOnly FirstSupportedDate = new(1900, 1, 1);
    public static readonly DateOnly LastSupportedDate = new(2100, 12, 31);

    private const double TimeZoneHours = 7.0;
    private const double SynodicMonthDays = 29.530588853;

    /// <summary>The new moon of 1900-01-01 13:52 UT, from which lunations are numbered.</summary>
    private const double FirstLunationJulianDate = 2415021.076998695;

    private const int JulianDayOf1900January1 = 2415021;
    private const int JulianDayOfDayNumberZero = 1721426;
    private const double Degrees = Math.PI / 180;

    public static DateOnly ToSolar(LunarDate date)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(date.Year, FirstSupportedDate.Year - 1, nameof(date));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(date.Year, LastSupportedDate.Year, nameof(date));
        if (date.Month is < 1 or > 12 || date.Day is < 1 or > 30)
            throw new ArgumentOutOfRangeException(nameof(date), date, "A lunar date has a month from 1 to 12 and a day from 1 to 30.");

        var yearOfMonth11 = date.Month >= 11 ? date.Year : date.Year - 1;
        var month = MonthsFromMonth11Of(yearOfMonth11)
            .SingleOrDefault(m => m.Year == date.Year && m.Number == date.Month && m.IsLeap == date.IsLeapMonth)
            ?? throw new ArgumentOutOfRangeException(nameof(date), date, $"Lunar year {date.Year} has no leap month {date.Month}.");
        if (date.Day > month.Length)
            throw new ArgumentOutOfRangeException(nameof(date), date, $"That lunar month has only {month.Length} days.");

        var solar = ToDate(month.FirstDay + date.Day - 1);
        EnsureSupported(solar, nameof(date));
        return solar;
    }

    public static LunarDate FromSolar(DateOnly date)
    {
        EnsureSupported(date, nameof(date));
        var day = JulianDay(date);
        var yearOfMonth11 = day >= Month11FirstDay(date.Year) ? date.Year : date.Year - 1;
        var month = MonthsFromMonth11Of(yearOfMonth11).Last(m => m.FirstDay <= day);
        return new LunarDate(month.Year, month.Number, day - month.FirstDay + 1, month.IsLeap);
    }

    /// <summary>The solar date of mùng 1 Tết, the first day of the lunar year.</summary>
    public static DateOnly NewYearsDay(int lunarYear) => ToSolar(new LunarDate(lunarYear, 1, 1));

    /// <summary>The number of the month that lunar year repeats, or null when it has twelve months.</summary>
    public static int? LeapMonth(int lunarYear) =>
        MonthsFromMonth11Of(lunarYear - 1)
            .Concat(MonthsFromMonth11Of(lunarYear))
            .Where(m => m.Year == lunarYear && m.IsLeap)
            .Select(m => (int?)m.Number)
            .SingleOrDefault();

    private static void EnsureSupported(DateOnly date, string parameterName)
    {
        if (date < FirstSupportedDate || date > LastSupportedDate)
            throw new ArgumentOutOfRangeException(parameterName, date, $"Only dates from {FirstSupportedDate:O} to {LastSupportedDate:O} are supported.");
    }

    private sealed record LunarMonth(int Year, int Number, bool IsLeap, int FirstDay, int Length);

    /// <summary>
    /// The twelve or thirteen months from month 11 of the given solar year up to the next month 11:
    /// months 11 and 12 of that lunar year, then months 1 to 10 of the next one.
    /// </summary>
    private static List<LunarMonth> MonthsFromMonth11Of(int solarYear)
    {
        var month11 = Month11FirstDay(solarYear);
        var nextMonth11 = Month11FirstDay(solarYear + 1);
        var firstLunation = (int)Math.Floor(0.5 + (month11 - FirstLunationJulianDate) / SynodicMonthDays);
        var hasLeapMonth = nextMonth11 - month11 > 365;
        var leapOffset = hasLeapMonth ? LeapMonthOffset(firstLunation) : int.MaxValue;
        var monthCount = hasLeapMonth ? 13 : 12;

        var months = new List<LunarMonth>(monthCount);
        for (var offset = 0; offset < monthCount; offset++)
        {
            var ordinal = offset >= leapOffset ? offset - 1 : offset;
            var number = (10 + ordinal) % 12 + 1;
            var firstDay = NewMoonDay(firstLunation + offset);
            var length = NewMoonDay(firstLunation + offset + 1) - firstDay;
            months.Add(new LunarMonth(number >= 11 ? solarYear : solarYear + 1, number, offset == leapOffset, firstDay, length));
        }
        return months;
    }

    /// <summary>The first day of the lunar month that contains the winter solstice of the given solar year.</summary>
    private static int Month11FirstDay(int solarYear)
    {
        var lastDayOfYear = JulianDay(new DateOnly(solarYear, 12, 31));
        var lunation = (int)Math.Floor((lastDayOfYear - JulianDayOf1900January1) / SynodicMonthDays);
        var newMoon = NewMoonDay(lunation);
        // The sun in the sector from 270° means the solstice came before this month began.
        return SunLongitudeSector(newMoon) >= 9 ? NewMoonDay(lunation - 1) : newMoon;
    }

    /// <summary>Counted from month 11, the first month during which the sun enters no new 30° sector (no major solar term).</summary>
    private static int LeapMonthOffset(int month11Lunation)
    {
        var offset = 1;
        var sector = SunLongitudeSector(NewMoonDay(month11Lunation + offset));
        int previousSector;
        do
        {
            previousSector = sector;
            offset++;
            sector = SunLongitudeSector(NewMoonDay(month11Lunation + offset));
        }
        while (sector != previousSector && offset < 14);
        return offset - 1;
    }

    /// <summary>The Julian day number of the local (UTC+7) day on which the new moon of the given lunation falls.</summary>
    private static int NewMoonDay(int lunation) =>
        (int)Math.Floor(NewMoonJulianDate(lunation) + 0.5 + TimeZoneHours / 24);

    private static double NewMoonJulianDate(int lunation)
    {
        double k = lunation;
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        var meanNewMoon = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
            + 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * Degrees);
        var sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        var moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        var moonLatitudeArgument = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;

        var correction = (0.1734 - 0.000393 * t) * Math.Sin(sunAnomaly * Degrees)
            + 0.0021 * Math.Sin(2 * Degrees * sunAnomaly)
            - 0.4068 * Math.Sin(moonAnomaly * Degrees)
            + 0.0161 * Math.Sin(Degrees * 2 * moonAnomaly)
            - 0.0004 * Math.Sin(Degrees * 3 * moonAnomaly)
            + 0.0104 * Math.Sin(Degrees * 2 * moonLatitudeArgument)
            - 0.0051 * Math.Sin(Degrees * (sunAnomaly + moonAnomaly))
            - 0.0074 * Math.Sin(Degrees * (sunAnomaly - moonAnomaly))
            + 0.0004 * Math.Sin(Degrees * (2 * moonLatitudeArgument + sunAnomaly))
            - 0.0004 * Math.Sin(Degrees * (2 * moonLatitudeArgument - sunAnomaly))
            - 0.0006 * Math.Sin(Degrees * (2 * moonLatitudeArgument + moonAnomaly))
            + 0.0010 * Math.Sin(Degrees * (2 * moonLatitudeArgument - moonAnomaly))
            + 0.0005 * Math.Sin(Degrees * (2 * moonAnomaly + sunAnomaly));

        // ΔT, the difference between dynamical time and universal time, in days.
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return meanNewMoon + correction - deltaT;
    }

    /// <summary>Which 30° sector (0–11) of ecliptic longitude the sun is in at the local midnight starting the given day.</summary>
    private static int SunLongitudeSector(int julianDay) =>
        (int)Math.Floor(SunLongitude(julianDay - 0.5 - TimeZoneHours / 24) / Math.PI * 6);

    /// <summary>The sun's apparent ecliptic longitude in radians, from 0 to 2π.</summary>
    private static double SunLongitude(double julianDate)
    {
        var t = (julianDate - 2451545.0) / 36525;
        var t2 = t * t;
        var meanAnomaly = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        var meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var equationOfCentre = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(Degrees * meanAnomaly)
            + (0.019993 - 0.000101 * t) * Math.Sin(Degrees * 2 * meanAnomaly)
            + 0.000290 * Math.Sin(Degrees * 3 * meanAnomaly);
        var longitude = (meanLongitude + equationOfCentre) * Degrees;
        return longitude - 2 * Math.PI * Math.Floor(longitude / (2 * Math.PI));
    }

    private static int JulianDay(DateOnly date) => date.DayNumber + JulianDayOfDayNumberZero;

    private static DateOnly ToDate(int julianDay) => DateOnly.FromDayNumber(julianDay - JulianDayOfDayNumberZero);
}
