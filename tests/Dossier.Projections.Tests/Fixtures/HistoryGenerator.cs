using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Definitions;

namespace Dossier.Projections.Tests.Fixtures;

/// <summary>
/// Random but valid dossier histories: every event comes from <see cref="DossierDecider.Decide"/> on the shipped
/// procedures, so a history is one the engine could really have written. Reproducible from its seed.
/// </summary>
/// <param name="abandonRate">The chance, at each step, that a dossier is simply left where it is.</param>
public sealed class HistoryGenerator(int seed, IWorkingCalendar calendar, double abandonRate = 0.04)
{
    public static readonly Applicant Applicant = new("Nguyễn Văn An", "079201000001", "0901234567");

    /// <summary>The applicant logged in with their national ID: owner of the online dossiers, applicant of the others.</summary>
    public static readonly Actor Citizen = new(Applicant.IdNumber, Role.Citizen, null);

    private static readonly IReadOnlyList<SubmittedDocument> Documents = [new("Tờ khai.pdf", new string('a', 64))];

    private readonly Random random = new(seed);
    private readonly Dictionary<(string Unit, DateOnly Day), int> sequences = [];

    public int Seed => seed;

    /// <summary>Procedures of three units, level 3 and 4, short and long, pausing and restarting on supplements.</summary>
    public static IReadOnlyList<Procedure> Procedures { get; } = ShippedCatalogue.Procedures()
        .Select(d => d.ToProcedure(1))
        .Where(p => p.Steps.Count > 0)
        .GroupBy(p => p.Agency)
        .OrderByDescending(g => g.Count())
        .Take(3)
        .SelectMany(g => g)
        .ToList();

    /// <summary><paramref name="count"/> dossiers filed between <paramref name="from"/> and <paramref name="until"/>; nothing happens after <paramref name="until"/>.</summary>
    public IReadOnlyList<IReadOnlyList<IDossierEvent>> Generate(int count, DateTimeOffset from, DateTimeOffset until)
    {
        var histories = new List<IReadOnlyList<IDossierEvent>>();
        var span = (until - from).TotalMinutes;
        for (var i = 0; i < count; i++)
        {
            var filedAt = from.AddMinutes(Math.Floor(random.NextDouble() * span * 0.9));
            histories.Add(History(Procedures[random.Next(Procedures.Count)], filedAt, until));
        }

        return histories;
    }

    public IReadOnlyList<IDossierEvent> History(Procedure procedure, DateTimeOffset filedAt, DateTimeOffset until)
    {
        var context = new DecisionContext(procedure, calendar);
        var staff = new Actor("staff-1", Role.Officer, procedure.Agency);
        var day = DateOnly.FromDateTime(filedAt.ToOffset(WorkingCalendar.VietnamOffset).DateTime);
        var code = NextCode(procedure.Agency, day);
        var online = random.NextDouble() < 0.5;
        IDossierCommand filing = online
            ? new FileOnline(Citizen, filedAt, code, Applicant, null, Documents)
            : new FileDirect(new Actor("desk-1", Role.Reception, procedure.Agency), filedAt, code,
                random.NextDouble() < 0.7 ? Channel.InPerson : Channel.Post, Applicant, null, Documents);

        var events = new List<IDossierEvent>();
        var state = Apply(DossierState.Initial, DossierDecider.Decide(DossierState.Initial, filing, context), events);
        var now = filedAt;
        for (var step = 0; step < 40 && !state.IsTerminal; step++)
        {
            // Some dossiers are simply left where they are.
            if (random.NextDouble() < abandonRate)
            {
                break;
            }

            now = Later(now, state);
            if (now > until)
            {
                break;
            }

            var command = Pick(state, procedure, staff, now);
            if (command is null)
            {
                break;
            }

            var decision = DossierDecider.Decide(state, command, context);
            if (decision.IsAccepted)
            {
                state = Apply(state, decision, events);
            }
        }

        return events;
    }

    private static DossierState Apply(DossierState state, Decision decision, List<IDossierEvent> events)
    {
        if (decision.IsRejected)
        {
            throw new InvalidOperationException($"The generator asked for something the decider refused: {decision}");
        }

        events.AddRange(decision.Events);
        return decision.Events.Aggregate(state, DossierState.Evolve);
    }

    private DossierCode NextCode(string unit, DateOnly day)
    {
        var next = sequences.GetValueOrDefault((unit, day)) + 1;
        sequences[(unit, day)] = next;
        return DossierCode.Create(unit, day, next);
    }

    /// <summary>Minutes to a couple of weeks later, or during the due day, so that deadlines are met early, just in time and late.</summary>
    private DateTimeOffset Later(DateTimeOffset now, DossierState state) => random.NextDouble() switch
    {
        // never back in time: up to 8 hours before a due time 6 hours away could come before now
        < 0.12 when state.OriginalDueAt is { } due && due.AddHours(-6) > now => Max(now.AddMinutes(5), due.AddMinutes(-random.Next(1, 8 * 60))),
        < 0.45 => now.AddMinutes(5 + random.Next(300)),
        < 0.80 => now.AddHours(12 + random.Next(60)),
        < 0.95 => now.AddDays(3 + random.Next(6)).AddMinutes(random.Next(600)),
        _ => now.AddDays(9 + random.Next(12)),
    };

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private IDossierCommand? Pick(DossierState state, Procedure procedure, Actor staff, DateTimeOffset now)
    {
        var permitted = DossierDecider.PermittedActions(state, procedure, staff)
            .Union(DossierDecider.PermittedActions(state, procedure, Citizen))
            .ToList();
        if (permitted.Count == 0)
        {
            return null;
        }

        var weighted = permitted.SelectMany(a => Enumerable.Repeat(a, Weight(a))).ToList();
        var action = weighted[random.Next(weighted.Count)];
        return action switch
        {
            DossierAction.Receive => new Receive(staff, now),
            DossierAction.NotAccept => new NotAccept(staff, now, "Hồ sơ không đúng thẩm quyền"),
            DossierAction.RequestSupplement => new RequestSupplement(staff, now, "Thiếu giấy tờ", ["Bản sao CCCD"]),
            DossierAction.ProvideSupplement => new ProvideSupplement(Citizen, now, Documents),
            DossierAction.Assign => new Assign(staff, now, staff.PersonId),
            DossierAction.CompleteStep => CompleteStep(state, procedure, staff, now),
            DossierAction.RequestPayment => new RequestPayment(staff, now, 50_000 + 10_000 * random.Next(10)),
            DossierAction.Pay => new Pay(Citizen, now, state.AmountDue ?? 0, "VNPAY-" + random.Next(1_000_000)),
            DossierAction.Approve => new Approve(staff, now),
            DossierAction.Refuse => new Refuse(staff, now, "Không đủ điều kiện"),
            DossierAction.IssueApology => new IssueApology(staff, now, "Cần xác minh thêm",
                (state.DueAt > now ? state.DueAt.Value : now).AddDays(1 + random.Next(5))),
            DossierAction.ReturnResult => ReturnResult(procedure, staff, now),
            DossierAction.Withdraw => new Withdraw(Citizen, now, "Không có nhu cầu nữa"),
            DossierAction.Stop => new Stop(staff, now, "Dừng theo yêu cầu của cơ quan có thẩm quyền"),
            DossierAction.Rate => new Rate(Citizen, now, (Rating)random.Next(3), null,
                random.NextDouble() < 0.5 ? null : new Dictionary<RatingCriterion, Rating>
                {
                    [RatingCriterion.OnTime] = (Rating)random.Next(3),
                    [RatingCriterion.StaffAttitude] = (Rating)random.Next(3),
                }),
            _ => throw new ArgumentOutOfRangeException(nameof(state), action, null),
        };
    }

    private static int Weight(DossierAction action) => action switch
    {
        DossierAction.Receive or DossierAction.Assign or DossierAction.CompleteStep or DossierAction.Approve => 40,
        DossierAction.ReturnResult or DossierAction.ProvideSupplement or DossierAction.Pay or DossierAction.Rate => 25,
        DossierAction.Refuse or DossierAction.RequestSupplement or DossierAction.RequestPayment or DossierAction.IssueApology => 4,
        _ => 1,
    };

    private CompleteStep CompleteStep(DossierState state, Procedure procedure, Actor staff, DateTimeOffset now)
    {
        var step = procedure.Step(state.CurrentStepId!);
        if (step.Outcomes.Count == 0)
        {
            return new CompleteStep(staff, now, "Đạt");
        }

        var outcome = step.Outcomes[random.Next(step.Outcomes.Count)];
        return new CompleteStep(staff, now, "Ý kiến thẩm định", outcome.Name);
    }

    private ReturnResult ReturnResult(Procedure procedure, Actor staff, DateTimeOffset now)
    {
        var methods = procedure.ResultDeliveries.Where(m => m != ResultDelivery.Online || procedure.Level == ServiceLevel.Level4).ToList();
        return new ReturnResult(staff, now, methods.Count == 0 ? ResultDelivery.InPerson : methods[random.Next(methods.Count)]);
    }
}
