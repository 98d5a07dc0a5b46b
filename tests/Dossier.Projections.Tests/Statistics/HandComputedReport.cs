using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Projections.Statistics;
using Dossier.Projections.Tests.Fixtures;

namespace Dossier.Projections.Tests.Statistics;

/// <summary>
/// Form II.06a for November 2026, worked out by hand for sixteen dossiers of two units over October and November.
/// Neither month has a public holiday, so working days are Monday to Friday; a dossier is due at 17:00 of the N-th
/// working day after the day of receipt.
///
/// Unit A (000.00.01.H08), procedure 9.000001, level 4, 3 working days:
///   A1 online,    received Mon 26/10 10:00, due Thu 29/10; approved 28/10 (October); rated "satisfied" 03/11.
///   A2 online,    received Wed 28/10 14:00, due Mon 02/11 17:00; approved 02/11 16:00 → on time; rated "not satisfied" 05/11.
///   A3 in person, received Thu 29/10 09:00, due Tue 03/11 17:00; approved 05/11 → late.
///   A4 online,    received Tue 03/11 09:00, due Fri 06/11; approved 04/11 → before the deadline; result returned 05/11.
///   A5 by post,   received Mon 09/11 10:00, due Thu 12/11 17:00; refused 12/11 17:30 → late (after the due time).
///   A6 online,    submitted Fri 20/11 18:30, received Mon 23/11 08:30, due Thu 26/11; apology 25/11 moves the
///                 appointment to 04/12, but the original deadline passed → in progress, overdue.
///   A7 in person, received Fri 27/11 10:00, due Wed 02/12 → in progress, within the deadline.
///   A8 online,    submitted 10/11, withdrawn 11/11 before receipt.
///   A9 online,    submitted 16/11, not accepted 17/11.
/// Unit B (000.00.04.H08), procedure 9.000002, level 3, 5 working days:
///   B1 in person, received Mon 19/10, due Mon 26/10; never decided → carried over, in progress, overdue.
///   B2 online,    received Fri 30/10 11:00, due Fri 06/11; supplement asked 02/11, given Wed 04/11: the clock stood
///                 still on 03/11 and 04/11, so the deadline moves to Tue 10/11 17:00; approved 10/11 11:00 → on time.
///   B3 in person, received Thu 22/10, due Thu 29/10; stopped 04/11 → carried over, stopped.
///   B4 in person, received Mon 16/11; withdrawn 18/11.
///   B5 online,    received Tue 24/11, due Tue 01/12; supplement asked Fri 27/11, still awaited: the clock stands
///                 still, so at the end of November it is within the deadline.
///   B6 online,    received Thu 01/10, due Thu 08/10; approved 09/10 → late in October.
///   B7 in person, received Wed 25/11 16:00, due Wed 02/12; refused 26/11 → before the deadline; rated "very satisfied" 27/11.
/// </summary>
public sealed class HandComputedReport : IAsyncLifetime
{
    private const string UnitA = "000.00.01.H08";
    private const string UnitB = "000.00.04.H08";

    private static readonly WorkingCalendar Calendar = WorkingCalendar.Vietnam();
    private static readonly Procedure ProcedureA = Procedure("9.000001", "Chứng thực bản sao", UnitA, ServiceLevel.Level4, 3);
    private static readonly Procedure ProcedureB = Procedure("9.000002", "Đăng ký đất đai", UnitB, ServiceLevel.Level3, 5);
    private static readonly Actor Desk = new("desk-1", Role.Reception, null);
    private static readonly Actor Staff = new("staff-1", Role.Officer, null);
    private static readonly Actor Citizen = HistoryGenerator.Citizen;

    /// <summary>Thursday 10 December 2026: everything below has happened.</summary>
    private static readonly DateTimeOffset Now = At(12, 10, 12, 0);

    private static readonly ReportPeriod November = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
    private static readonly ReportPeriod October = new(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31));

    private readonly Dictionary<(string, DateOnly), int> sequences = [];
    private StatisticsStore store = null!;

    public async Task InitializeAsync()
    {
        store = await StatisticsStore.Create("handcomputed", Calendar);
        IReadOnlyList<IDossierEvent>[] histories =
        [
            Online(ProcedureA, At(10, 26, 9, 0)).Receive(At(10, 26, 10, 0)).Decide(At(10, 28, 9, 0)).Rate(At(11, 3, 10, 0), Rating.Satisfied).Events,
            Online(ProcedureA, At(10, 28, 13, 0)).Receive(At(10, 28, 14, 0)).Decide(At(11, 2, 16, 0)).Rate(At(11, 5, 9, 0), Rating.NotSatisfied).Events,
            Direct(ProcedureA, Channel.InPerson, At(10, 29, 9, 0)).Decide(At(11, 5, 10, 0)).Events,
            Online(ProcedureA, At(11, 3, 8, 0)).Receive(At(11, 3, 9, 0)).Decide(At(11, 4, 10, 0)).Return(At(11, 5, 9, 0)).Events,
            Direct(ProcedureA, Channel.Post, At(11, 9, 10, 0)).Decide(At(11, 12, 17, 30), refuse: true).Events,
            Online(ProcedureA, At(11, 20, 18, 30)).Receive(At(11, 23, 8, 30)).Assign(At(11, 23, 9, 0))
                .Apologise(At(11, 25, 10, 0), At(12, 4, 17, 0)).Events,
            Direct(ProcedureA, Channel.InPerson, At(11, 27, 10, 0)).Events,
            Online(ProcedureA, At(11, 10, 9, 0)).Do(t => new Withdraw(Citizen, t), At(11, 11, 9, 0)).Events,
            Online(ProcedureA, At(11, 16, 9, 0)).Do(t => new NotAccept(Desk, t, "Không thuộc thẩm quyền"), At(11, 17, 9, 0)).Events,

            Direct(ProcedureB, Channel.InPerson, At(10, 19, 9, 0)).Assign(At(10, 19, 10, 0)).Events,
            Online(ProcedureB, At(10, 30, 10, 0)).Receive(At(10, 30, 11, 0))
                .Do(t => new RequestSupplement(Staff, t, "Thiếu trích lục", ["Trích lục bản đồ"]), At(11, 2, 10, 0))
                .Do(t => new ProvideSupplement(Citizen, t, [new("Trích lục.pdf", new string('e', 64))]), At(11, 4, 15, 0))
                .Decide(At(11, 10, 11, 0)).Events,
            Direct(ProcedureB, Channel.InPerson, At(10, 22, 9, 0)).Do(t => new Stop(Staff, t, "Có tranh chấp"), At(11, 4, 9, 0)).Events,
            Direct(ProcedureB, Channel.InPerson, At(11, 16, 9, 0)).Do(t => new Withdraw(Citizen, t), At(11, 18, 9, 0)).Events,
            Online(ProcedureB, At(11, 24, 8, 0)).Receive(At(11, 24, 9, 0))
                .Do(t => new RequestSupplement(Staff, t, "Thiếu giấy tờ", ["Sổ hộ khẩu"]), At(11, 27, 10, 0)).Events,
            Online(ProcedureB, At(10, 1, 8, 0)).Receive(At(10, 1, 9, 0)).Decide(At(10, 9, 9, 0)).Events,
            Direct(ProcedureB, Channel.InPerson, At(11, 25, 16, 0)).Decide(At(11, 26, 9, 0), refuse: true).Rate(At(11, 27, 9, 0), Rating.VerySatisfied).Events,
        ];
        await store.Append(histories);
        await store.CatchUp();
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    [Fact]
    public async Task the_november_report_is_the_one_worked_out_by_hand()
    {
        var tallies = await store.Tallies(November, Now);
        var report = ProcessingReport.Compute(tallies, Name);

        // The fold of the raw events agrees, before anything is compared with the figures worked out by hand.
        Assert.Equal(RawEventOracle.Compute(await RawEventOracle.LoadHistories(store.Store), November, Now, null, Calendar).Units, tallies.Units);
        Assert.Equal(new DateOnly(2026, 11, 1), report.From);
        Assert.Equal(new DateOnly(2026, 11, 30), report.To);
        Assert.Equal(At(12, 1, 0, 0), report.AsOf);
        Assert.Equal(
            [
                //                                       received: total online inPerson/post carried   resolved: total before onTime late   inProgress: total within overdue   closed: total withdrawn notAccepted stopped
                Row(UnitA, "Sở Tư pháp tỉnh Bình Định", new(6, 2, 2, 2), new(4, 1, 1, 2), new(2, 1, 1), new(2, 1, 1, 0)),
                Row(UnitB, "Sở Tài nguyên và Môi trường tỉnh Bình Định", new(6, 1, 2, 3), new(2, 1, 1, 0), new(2, 1, 1), new(2, 1, 0, 1)),
            ],
            report.Rows);
        Assert.Equal(Row(null, ProcessingReport.TotalName, new(12, 3, 4, 5), new(6, 2, 2, 2), new(4, 2, 2), new(4, 2, 1, 1)), report.Total);
    }

    [Fact]
    public async Task the_october_report_carries_nothing_over_and_judges_the_open_dossiers_at_midnight_after_the_31st()
    {
        var report = ProcessingReport.Compute(await store.Tallies(October, Now), Name);

        Assert.Equal(
            [
                Row(UnitA, "Sở Tư pháp tỉnh Bình Định", new(3, 2, 1, 0), new(1, 1, 0, 0), new(2, 2, 0), new(0, 0, 0, 0)),
                Row(UnitB, "Sở Tài nguyên và Môi trường tỉnh Bình Định", new(4, 2, 2, 0), new(1, 0, 0, 1), new(3, 1, 2), new(0, 0, 0, 0)),
            ],
            report.Rows);
    }

    [Fact]
    public async Task one_unit_asked_for_gets_its_row_alone_and_a_unit_without_dossiers_a_row_of_zeros()
    {
        var b = ProcessingReport.Compute(await store.Tallies(November, Now, UnitB), Name);
        Assert.Equal([Row(UnitB, "Sở Tài nguyên và Môi trường tỉnh Bình Định", new(6, 1, 2, 3), new(2, 1, 1, 0), new(2, 1, 1), new(2, 1, 0, 1))], b.Rows);
        Assert.Equal(b.Rows[0] with { Agency = null, AgencyName = ProcessingReport.TotalName }, b.Total);

        var none = ProcessingReport.Compute(await store.Tallies(November, Now, "000.00.09.H08"), Name);
        Assert.Equal([Row("000.00.09.H08", "000.00.09.H08", new(0, 0, 0, 0), new(0, 0, 0, 0), new(0, 0, 0), new(0, 0, 0, 0))], none.Rows);
    }

    [Fact]
    public async Task the_november_indicators_are_the_ones_worked_out_by_hand()
    {
        var indicators = IndicatorSet.Compute(await store.Tallies(November, Now), new CatalogueTally(Procedures: 2, Level3Or4: 2, Level4: 1));

        // Online: A2, A4 and B2 of the six resolved were submitted online.
        Assert.Equal(new Indicator(IndicatorSet.OnlineRate, Named(indicators, IndicatorSet.OnlineRate), Indicator.Percent, 50m, 3, 6, 30m, true),
            indicators[IndicatorSet.OnlineRate]);
        // Decision 766: of the six resolved, A2 was rated "not satisfied".
        Assert.Equal((83.33m, 5L, 6L, 80m, (bool?)true), Figures(indicators[IndicatorSet.Satisfaction]));
        // Ratings given in November: A1 satisfied, A2 not satisfied, B7 very satisfied.
        Assert.Equal((66.67m, 2L, 3L, 80m, (bool?)false), Figures(indicators[IndicatorSet.SatisfactionAmongRatings]));
        Assert.Equal((66.67m, 4L, 6L, (decimal?)null, (bool?)null), Figures(indicators[IndicatorSet.OnTimeRate]));
        // (late A3, A5 + overdue A6, B1) ÷ (received 7 + carried over 5).
        Assert.Equal((33.33m, 4L, 12L, (decimal?)null, (bool?)null), Figures(indicators[IndicatorSet.LateRate]));
        Assert.Equal((100m, 2L, 2L, 60m, (bool?)true), Figures(indicators[IndicatorSet.ProceduresOnline]));
        Assert.Equal((50m, 1L, 2L, (decimal?)null, (bool?)null), Figures(indicators[IndicatorSet.ProceduresFullyOnline]));
        // Working days from receipt to decision: A2 3, A3 5, A4 1, A5 3, B2 7 (the pause is not taken off), B7 1.
        Assert.Equal((3.33m, 20L, 6L, (decimal?)null, (bool?)null), Figures(indicators[IndicatorSet.AverageProcessingTime]));
        Assert.Equal(
            [
                new ProcessingTime("9.000001", "Chứng thực bản sao", UnitA, 3m, 12, 4, null, null),
                new ProcessingTime("9.000002", "Đăng ký đất đai", UnitB, 4m, 8, 2, null, null),
            ],
            indicators.ProcessingTimeByProcedure);
    }

    [Fact]
    public async Task the_daily_counts_add_up_to_the_report_and_hold_the_satisfaction_aggregates()
    {
        var days = await store.Daily(November);
        Assert.Equal(3, days.Sum(d => d.ReceivedOnline));
        Assert.Equal(3, days.Sum(d => d.ReceivedInPerson));
        Assert.Equal(1, days.Sum(d => d.ReceivedByPost));
        Assert.Equal(6, days.Sum(d => d.Resolved));
        Assert.Equal(2, days.Sum(d => d.Refused));
        Assert.Equal(new RatingTally(VerySatisfied: 1, Satisfied: 1, NotSatisfied: 1), days.Aggregate(RatingTally.Empty, (s, d) => s.Plus(d.Ratings)));

        var refusedLate = Assert.Single(days, d => d.Id == "000.00.01.H08|9.000001|2026-11-12");
        Assert.Equal((1, 1, 0, 3), (refusedLate.Refused, refusedLate.ResolvedLate, refusedLate.ResolvedOnTime, refusedLate.ProcessingWorkingDays));
        var a6 = Assert.Single(days, d => d.Id == "000.00.01.H08|9.000001|2026-11-23");
        Assert.Equal(1, a6.ReceivedOnline);
        Assert.Equal(1, Assert.Single(days, d => d.Id == "000.00.01.H08|9.000001|2026-11-20").SubmittedOnline);
    }

    private static (decimal? Value, long Numerator, long Denominator, decimal? Target, bool? Met) Figures(Indicator i) =>
        (i.Value, i.Numerator, i.Denominator, i.Target, i.Met);

    private static string Named(IndicatorSet set, string code) => set[code].Name;

    private static ReportRow Row(string? agency, string name, ReceivedFigures received, ResolvedFigures resolved, InProgressFigures inProgress, ClosedFigures closed) =>
        new(agency, name, received, resolved, inProgress, closed);

    private static string Name(string unit) => unit switch
    {
        UnitA => "Sở Tư pháp tỉnh Bình Định",
        UnitB => "Sở Tài nguyên và Môi trường tỉnh Bình Định",
        _ => unit,
    };

    private static DateTimeOffset At(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, WorkingCalendar.VietnamOffset);

    private static Procedure Procedure(string code, string name, string agency, ServiceLevel level, int workingDays) => new(
        code, 1, name, "Thử nghiệm", agency, level, workingDays, SupplementPolicy.Pause,
        [
            new ProcedureStep("appraise", "Thẩm định", Role.Officer, null, workingDays - 1, []),
            new ProcedureStep("decide", "Phê duyệt", Role.Leader, null, 1, []),
        ],
        [],
        [],
        [ResultDelivery.InPerson, ResultDelivery.Post]);

    private Script Online(Procedure procedure, DateTimeOffset at) =>
        new Script(procedure).Do(t => new FileOnline(Citizen, t, Code(procedure, at), HistoryGenerator.Applicant, null, []), at);

    private Script Direct(Procedure procedure, Channel channel, DateTimeOffset at) =>
        new Script(procedure).Do(t => new FileDirect(Desk, t, Code(procedure, at), channel, HistoryGenerator.Applicant, null, []), at);

    private DossierCode Code(Procedure procedure, DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.DateTime);
        var next = sequences.GetValueOrDefault((procedure.Agency, day)) + 1;
        sequences[(procedure.Agency, day)] = next;
        return DossierCode.Create(procedure.Agency, day, next);
    }

    /// <summary>One dossier's life, each step decided by the domain's decider at the given time.</summary>
    private sealed class Script(Procedure procedure) : DecidedHistory<Script>(procedure, Calendar)
    {
        public Script Receive(DateTimeOffset at) => Do(t => new Receive(Desk, t), at);

        public Script Assign(DateTimeOffset at) => Do(t => new Assign(Staff, t, Staff.PersonId), at);

        public Script Decide(DateTimeOffset at, bool refuse = false) =>
            Assign(at.AddMinutes(-30))
                .Do(t => new CompleteStep(Staff, t), at.AddMinutes(-20))
                .Do(t => refuse ? new Refuse(Staff, t, "Không đủ điều kiện") : new Approve(Staff, t), at);

        public Script Apologise(DateTimeOffset at, DateTimeOffset newDueAt) => Do(t => new IssueApology(Staff, t, "Cần xác minh", newDueAt), at);

        public Script Return(DateTimeOffset at) => Do(t => new ReturnResult(Staff, t, ResultDelivery.InPerson), at);

        public Script Rate(DateTimeOffset at, Rating rating) => Do(t => new Rate(Citizen, t, rating), at);
    }
}
