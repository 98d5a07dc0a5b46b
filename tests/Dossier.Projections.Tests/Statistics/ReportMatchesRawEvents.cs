using Dossier.Domain.Calendar;
using Dossier.Projections.Statistics;
using Dossier.Projections.Tests.Fixtures;
using Xunit.Abstractions;

namespace Dossier.Projections.Tests.Statistics;

/// <summary>
/// The property the statistics stand on: for random valid histories and random periods, the tallies read from the
/// read models equal those folded straight from the raw events — and so do the report and the indicators computed
/// from them. Seeds are fixed so a failure can be replayed; the failing seed and period are in the message.
/// </summary>
public sealed class ReportMatchesRawEvents(ITestOutputHelper output)
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Vietnam();
    private static readonly DateTimeOffset HistoryStart = new(2026, 1, 5, 7, 30, 0, WorkingCalendar.VietnamOffset);

    /// <summary>Noon on Monday 4 May 2026: nothing happened after it.</summary>
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 12, 0, 0, WorkingCalendar.VietnamOffset);

    [Theory]
    [InlineData(20260101)]
    [InlineData(7)]
    [InlineData(424242)]
    [InlineData(31337)]
    [InlineData(99)]
    public async Task for_random_histories_the_report_from_the_read_models_equals_the_fold_of_the_raw_events(int seed)
    {
        var generator = new HistoryGenerator(seed, Calendar);
        var histories = generator.Generate(100, HistoryStart, Now);
        await using var store = await StatisticsStore.Create("property" + seed, Calendar);
        await store.Append(histories);
        await store.CatchUp();

        var raw = await RawEventOracle.LoadHistories(store.Store);
        Assert.Equal(histories.Count, raw.Count);
        var random = new Random(seed);
        var checkedPeriods = 0;
        foreach (var (period, unit) in Periods(random))
        {
            var expected = RawEventOracle.Compute(raw, period, Now, unit, Calendar);
            var actual = await store.Tallies(period, Now, unit);
            var where = $"seed {seed}, period {period.From:yyyy-MM-dd}..{period.To:yyyy-MM-dd}, unit {unit ?? "all"}";
            Assert.True(expected.Units.SequenceEqual(actual.Units), $"{where}: units differ\nexpected {string.Join("\n  ", expected.Units)}\nactual   {string.Join("\n  ", actual.Units)}");
            Assert.True(expected.Procedures.SequenceEqual(actual.Procedures), $"{where}: processing times differ");
            Assert.Equal(expected.AsOf, actual.AsOf);

            var catalogue = new CatalogueTally(24, 24, 12);
            Assert.Equal(Json(ProcessingReport.Compute(expected, u => u)), Json(ProcessingReport.Compute(actual, u => u)));
            Assert.Equal(Json(IndicatorSet.Compute(expected, catalogue)), Json(IndicatorSet.Compute(actual, catalogue)));

            var daily = await store.Daily(period, unit);
            var total = expected.Units.Aggregate(new UnitTally(""), (s, t) => s.Plus(t));
            Assert.Equal(total.ReceivedOnline, daily.Sum(d => d.ReceivedOnline));
            Assert.Equal(total.ReceivedInPersonOrPost, daily.Sum(d => d.ReceivedInPerson + d.ReceivedByPost));
            Assert.Equal(total.Resolved, daily.Sum(d => d.Resolved));
            Assert.Equal(total.ResolvedLate, daily.Sum(d => d.ResolvedLate));
            Assert.Equal(total.ResolvedOnTime, daily.Sum(d => d.ResolvedOnTime));
            Assert.Equal(total.ProcessingWorkingDays, daily.Sum(d => d.ProcessingWorkingDays));
            Assert.Equal(total.Withdrawn + total.NotAccepted + total.Stopped, daily.Sum(d => d.Withdrawn + d.NotAccepted + d.Stopped));
            Assert.Equal(total.Ratings, daily.Sum(d => d.Ratings.Total));
            Assert.Equal(total.RatingsSatisfied, daily.Sum(d => d.Ratings.VerySatisfied + d.Ratings.Satisfied));
            checkedPeriods++;
        }

        var whole = RawEventOracle.Compute(raw, new ReportPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 5, 31)), Now, null, Calendar);
        var sum = whole.Units.Aggregate(new UnitTally(""), (s, t) => s.Plus(t));
        output.WriteLine($"seed {seed}: {raw.Count} dossiers, {raw.Sum(h => h.Count)} events, {checkedPeriods} periods; whole span: {sum}");
        // The generator must produce every kind of figure, or the comparison proves little.
        Assert.True(sum.ResolvedBeforeDeadline > 0 && sum.ResolvedOnTime > 0 && sum.ResolvedLate > 0, "no late or early decisions generated");
        Assert.True(sum.InProgress > 0 && sum.Withdrawn + sum.Stopped + sum.NotAccepted > 0 && sum.Ratings > 0, "too few kinds of dossiers generated");
    }

    private static IEnumerable<(ReportPeriod Period, string? Unit)> Periods(Random random)
    {
        var units = HistoryGenerator.Procedures.Select(p => p.Agency).Distinct().ToList();
        var first = new DateOnly(2026, 1, 1);
        yield return (new ReportPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)), null);
        yield return (new ReportPeriod(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), null);
        yield return (new ReportPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), units[0]);
        yield return (new ReportPeriod(new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)), null);
        yield return (new ReportPeriod(new DateOnly(2026, 5, 4), new DateOnly(2026, 5, 4)), null);
        yield return (new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), null);
        yield return (new ReportPeriod(new DateOnly(2026, 2, 2), new DateOnly(2026, 2, 2)), "000.99.99.H08");
        for (var i = 0; i < 12; i++)
        {
            var from = first.AddDays(random.Next(130));
            var to = from.AddDays(random.Next(random.NextDouble() < 0.3 ? 3 : 60));
            yield return (new ReportPeriod(from, to), random.NextDouble() < 0.3 ? units[random.Next(units.Count)] : null);
        }
    }

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);
}
