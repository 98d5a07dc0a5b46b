using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Projections.Statistics;
using Dossier.Projections.Tests.Fixtures;

namespace Dossier.Projections.Tests.Statistics;

/// <summary>
/// "In progress" and "overdue" read from running balances of the daily documents, worked out by hand: within today at
/// the instant asked for, at the end of a past period although the deadline moved after it, and across pauses. One
/// unit, a procedure of 3 working days that pauses for supplements; no public holiday from 23/11 to 9/12/2026.
///
///   E1 received Mon 23/11 09:00, due Thu 26/11 17:00; supplement asked Wed 2/12 10:00 (already late), given Fri 4/12:
///      the clock stood still on Thu 3 and Fri 4, so the deadline moves to Mon 30/11 17:00 — overdue all along.
///   E2 received Wed 25/11 09:00, due Mon 30/11 17:00; supplement asked Fri 27/11 10:00 (in time), given Tue 8/12: the
///      clock stood still from Mon 30/11 to Tue 8/12 (7 working days), so the deadline moves to Wed 9/12 17:00.
///   D3 received Mon 30/11 09:00, due Thu 3/12 17:00; supplement asked Mon 7/12 10:00, still awaited: overdue.
///   D2 received Tue 1/12 09:00, due Fri 4/12 17:00; approved Wed 9/12 10:00 → late, no longer in progress.
///   D5 received Wed 2/12 09:00, due Mon 7/12 17:00; supplement asked Fri 4/12 10:00, given Wed 9/12 09:00: due Thu 10/12.
///   D4 received Thu 3/12 09:00, due Tue 8/12 17:00; supplement asked Mon 7/12 11:00, still awaited: within the deadline.
///   D1 received Fri 4/12 09:00, due Wed 9/12 17:00.
/// </summary>
public sealed class OverdueAtAnInstant : IAsyncLifetime
{
    private const string Unit = "000.00.01.H08";

    private static readonly WorkingCalendar Calendar = WorkingCalendar.Vietnam();
    private static readonly Procedure Procedure = new(
        "9.000001", 1, "Chứng thực bản sao", "Thử nghiệm", Unit, ServiceLevel.Level4, 3, SupplementPolicy.Pause,
        [
            new ProcedureStep("appraise", "Thẩm định", Role.Officer, null, 2, []),
            new ProcedureStep("decide", "Phê duyệt", Role.Leader, null, 1, []),
        ],
        [],
        [],
        [ResultDelivery.InPerson]);

    private static readonly Actor Desk = new("desk-1", Role.Reception, null);
    private static readonly Actor Staff = new("staff-1", Role.Officer, null);
    private static readonly ReportPeriod December = new(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31));
    private static readonly ReportPeriod November = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));

    private StatisticsStore store = null!;
    private int sequence;

    public async Task InitializeAsync()
    {
        store = await StatisticsStore.Create("overdue", Calendar);
        IReadOnlyList<IDossierEvent>[] histories =
        [
            Received(At(11, 23, 9)).Supplement(At(12, 2, 10), At(12, 4, 10)).Events,
            Received(At(11, 25, 9)).Supplement(At(11, 27, 10), At(12, 8, 10)).Events,
            Received(At(11, 30, 9)).Supplement(At(12, 7, 10)).Events,
            Received(At(12, 1, 9)).Do(t => new Assign(Staff, t, Staff.PersonId), At(12, 9, 9, 30))
                .Do(t => new CompleteStep(Staff, t), At(12, 9, 9, 40)).Do(t => new Approve(Staff, t), At(12, 9, 10)).Events,
            Received(At(12, 2, 9)).Supplement(At(12, 4, 10), At(12, 9, 9)).Events,
            Received(At(12, 3, 9)).Supplement(At(12, 7, 11)).Events,
            Received(At(12, 4, 9)).Events,
        ];
        await store.Append(histories);
        await store.CatchUp();
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    [Theory]
    [InlineData(12, 0, 2)]
    [InlineData(16, 59, 2)]
    [InlineData(17, 0, 2)]
    [InlineData(17, 1, 4)]
    [InlineData(23, 59, 4)]
    public async Task overdue_within_today_is_judged_at_the_instant_asked_for(int hour, int minute, int overdue)
    {
        var now = At(12, 9, hour, minute);
        var tallies = await store.Tallies(December, now);

        var unit = Assert.Single(tallies.Units);
        Assert.Equal(now.ToUniversalTime(), tallies.AsOf);
        Assert.Equal((3, 4, 1, 1), (unit.CarriedOver, unit.ReceivedOnline, unit.Resolved, unit.ResolvedLate));
        Assert.Equal(6, unit.InProgress);
        Assert.Equal(overdue, unit.Overdue);
        Assert.Equal(RawEventOracle.Compute(await RawEventOracle.LoadHistories(store.Store), December, now, null, Calendar).Units, tallies.Units);
    }

    [Fact]
    public async Task a_past_period_is_judged_with_the_deadline_as_it_stood_at_its_end()
    {
        var now = At(12, 9, 12);
        var tallies = await store.Tallies(November, now);

        var unit = Assert.Single(tallies.Units);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, WorkingCalendar.VietnamOffset).ToUniversalTime(), tallies.AsOf);
        Assert.Equal((0, 3), (unit.CarriedOver, unit.ReceivedOnline));
        Assert.Equal(3, unit.InProgress);
        // E1 was late on 26/11 and its later pause does not change that; E2's clock stood still when November ended.
        Assert.Equal(1, unit.Overdue);
        Assert.Equal(RawEventOracle.Compute(await RawEventOracle.LoadHistories(store.Store), November, now, null, Calendar).Units, tallies.Units);
    }

    [Fact]
    public async Task a_single_day_ending_at_midnight_counts_that_whole_day()
    {
        var now = At(12, 9, 12);
        var thursday = new ReportPeriod(new DateOnly(2026, 12, 3), new DateOnly(2026, 12, 3));
        var tallies = await store.Tallies(thursday, now);

        var unit = Assert.Single(tallies.Units);
        // Open at midnight ending Thursday 3/12: E1, E2, D3, D2, D5, D4; E1 overdue, D3 due at 17:00 that day.
        Assert.Equal((5, 1, 6, 2), (unit.CarriedOver, unit.ReceivedOnline, unit.InProgress, unit.Overdue));
        Assert.Equal(RawEventOracle.Compute(await RawEventOracle.LoadHistories(store.Store), thursday, now, null, Calendar).Units, tallies.Units);
    }

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, WorkingCalendar.VietnamOffset);

    private Script Received(DateTimeOffset at)
    {
        var code = DossierCode.Create(Unit, DateOnly.FromDateTime(at.DateTime), ++sequence);
        return new Script()
            .Do(t => new FileOnline(HistoryGenerator.Citizen, t, code, HistoryGenerator.Applicant, null, []), at.AddMinutes(-30))
            .Do(t => new Receive(Desk, t), at);
    }

    /// <summary>One dossier's life, each step decided by the domain's decider at the given time.</summary>
    private sealed class Script() : DecidedHistory<Script>(Procedure, Calendar)
    {
        public Script Supplement(DateTimeOffset askedAt, DateTimeOffset? givenAt = null)
        {
            Do(t => new RequestSupplement(Staff, t, "Thiếu giấy tờ", ["Sổ hộ khẩu"]), askedAt);
            return givenAt is { } at
                ? Do(t => new ProvideSupplement(HistoryGenerator.Citizen, t, [new("Sổ hộ khẩu.pdf", new string('e', 64))]), at)
                : this;
        }
    }
}
