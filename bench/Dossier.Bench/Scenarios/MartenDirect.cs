using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Dossier.Api.Dossiers;
using Dossier.Api.Dossiers.Acting;
using Dossier.Api.Dossiers.Deciding;
using Dossier.Api.Dossiers.Filing;
using Dossier.Api.Dossiers.Paying;
using Dossier.Api.Dossiers.Processing;
using Dossier.Api.Dossiers.Rating;
using Dossier.Api.Dossiers.Receiving;
using Dossier.Api.Dossiers.Returning;
using Dossier.Bench.Load;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Dossiers;
using Marten;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Dossier.Bench.Scenarios;

/// <summary>
/// Scenario 2: the same dossier lifecycles without HTTP, in this process, on the API's own
/// service registrations (AddDossierEngine, hence StoreSetup.Configure: the identical Marten store).
/// Three ways: (a) Marten alone, one transaction per command as the handlers do it;
/// (b) the API's Mediator pipeline and handlers, all their reads included, minus HTTP;
/// (c) Marten batched, one transaction per whole dossier.
/// </summary>
public sealed class MartenDirect : IAsyncDisposable
{
    private static readonly string DocumentBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("Tờ khai (bản điện tử) — " + new string('x', 600)));
    public static readonly SubmittedDocument[] Documents =
        [new("Tờ khai", Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(DocumentBase64))))];

    private static long codeCounter;

    private readonly ServiceProvider services;
    private readonly IReadOnlyList<BenchProcedure> procedures;
    private readonly WorkingCalendar calendar = WorkingCalendar.Vietnam();
    private readonly string runId = Guid.NewGuid().ToString("N")[..8];

    private MartenDirect(ServiceProvider services, IReadOnlyList<BenchProcedure> procedures)
    {
        this.services = services;
        this.procedures = procedures;
        Store = services.GetRequiredService<IDocumentStore>();
    }

    public IDocumentStore Store { get; }

    /// <remarks>
    /// The handlers file with the engine's clock, and a unit numbers at most 9,999 dossiers a day: after scenario 1 and
    /// phase (a) a fast run would use them up, so the handlers' clock runs one day ahead, on a day of its own. Phases (a)
    /// and (c) make their own codes and times.
    /// </remarks>
    public static async Task<MartenDirect> Create(string connectionString, IReadOnlyList<BenchProcedure> procedures) =>
        new(await EngineServices.Build(connectionString, s => s.AddSingleton<TimeProvider>(new NextDayClock())), procedures);

    private sealed class NextDayClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddDays(1);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    /// <summary>(a) Marten alone: StartStream for the filing, then per command FetchForWriting → decide → append → SaveChanges.</summary>
    public async Task PerCommandWorker(int worker, LoadRun run)
    {
        for (long n = 0; !run.Stopping; n++)
        {
            var procedure = procedures[(int)((worker + n) % procedures.Count)];
            var context = new DecisionContext(procedure.Procedure, calendar);
            var code = NextCode(procedure.Agency);
            var citizen = LifecyclePolicy.Actor(Who.Citizen, worker, procedure.Agency);

            var start = Stopwatch.GetTimestamp();
            var filed = DossierDecider.Decide(DossierState.Initial,
                new FileOnline(citizen, DateTimeOffset.UtcNow, code, Applicant(worker), "Hồ sơ đo hiệu năng", Documents), context);
            await using (var session = Store.LightweightSession())
            {
                Metadata().Stamp(session, citizen);
                session.Events.StartStream<DossierSummary>(code.ToString(), filed.Events.Cast<object>().ToArray());
                await session.SaveChangesAsync();
            }

            run.Record(worker, LifecyclePolicy.Submit, start, filed.Events.Count);
            var state = filed.Events.Aggregate(DossierState.Initial, DossierState.Evolve);
            var version = (long)filed.Events.Count;
            var paid = false;
            while (!run.Stopping && LifecyclePolicy.Next(LifecyclePolicy.FromState(state, version), procedure, paid) is { } next)
            {
                var actor = LifecyclePolicy.Actor(next.Who, worker, procedure.Agency);
                start = Stopwatch.GetTimestamp();
                await using var session = Store.LightweightSession();
                var stream = await session.Events.FetchForWriting<DossierSummary>(code.ToString());
                var decision = DossierDecider.Decide(stream.Aggregate!.State, Command(next, actor, DateTimeOffset.UtcNow), context);
                if (decision.IsRejected)
                {
                    run.Error($"{code}: {next.Action.Name()} refused: {decision.Error.Message}");
                    break;
                }

                Metadata().Stamp(session, actor);
                stream.AppendMany(decision.Events.Cast<object>().ToArray());
                await session.SaveChangesAsync();
                run.Record(worker, next.Action.Name(), start, decision.Events.Count);
                state = decision.Events.Aggregate(stream.Aggregate.State, DossierState.Evolve);
                version = (stream.CurrentVersion ?? 0) + decision.Events.Count;
                paid |= next.Action == DossierAction.Pay;
            }

            if (state.Rating is not null)
            {
                run.Complete(worker);
            }
        }
    }

    /// <summary>(b) The API's pipeline without HTTP: IMediator.Send of FileDossier and ActOnDossier, one DI scope per command.</summary>
    public async Task PipelineWorker(int worker, LoadRun run)
    {
        for (long n = 0; !run.Stopping; n++)
        {
            var procedure = procedures[(int)((worker + n) % procedures.Count)];
            var citizen = LifecyclePolicy.Actor(Who.Citizen, worker, procedure.Agency);
            var input = new FilingInput(
                procedure.Code,
                new ApplicantInput("Nguyễn Văn An", LifecyclePolicy.Citizen(worker), "0912345678", null),
                "Hồ sơ đo hiệu năng",
                [new DocumentInput("Tờ khai", DocumentBase64, null)],
                null,
                null);

            var start = Stopwatch.GetTimestamp();
            DossierView view;
            await using (var scope = services.CreateAsyncScope())
            {
                var filed = await scope.ServiceProvider.GetRequiredService<IMediator>()
                    .Send(new FileDossier(input, Direct: false, $"bench-direct-{runId}-{worker}-{n}", citizen, Metadata()));
                view = filed.View;
            }

            run.Record(worker, LifecyclePolicy.Submit, start, (int)view.Version);
            var paid = false;
            while (!run.Stopping && LifecyclePolicy.Next(Info(view), procedure, paid) is { } next)
            {
                var actor = LifecyclePolicy.Actor(next.Who, worker, procedure.Agency);
                var before = view.Version;
                start = Stopwatch.GetTimestamp();
                await using (var scope = services.CreateAsyncScope())
                {
                    view = await scope.ServiceProvider.GetRequiredService<IMediator>()
                        .Send(new ActOnDossier(view.Code, view.Version, actor, Metadata(), Input(next)));
                }

                run.Record(worker, next.Action.Name(), start, (int)(view.Version - before));
                paid |= next.Action == DossierAction.Pay;
            }

            if (view.Rating is not null)
            {
                run.Complete(worker);
            }
        }
    }

    /// <summary>(c) Marten batched: the whole lifecycle decided in memory, its events appended in one transaction.</summary>
    public async Task BatchedWorker(int worker, LoadRun run)
    {
        for (long n = 0; !run.Stopping; n++)
        {
            var procedure = procedures[(int)((worker + n) % procedures.Count)];
            var context = new DecisionContext(procedure.Procedure, calendar);
            var code = NextCode(procedure.Agency);
            var citizen = LifecyclePolicy.Actor(Who.Citizen, worker, procedure.Agency);
            var now = DateTimeOffset.UtcNow;

            var events = new List<IDossierEvent>();
            var decision = DossierDecider.Decide(DossierState.Initial,
                new FileOnline(citizen, now, code, Applicant(worker), "Hồ sơ đo hiệu năng", Documents), context);
            events.AddRange(decision.Events);
            var state = decision.Events.Aggregate(DossierState.Initial, DossierState.Evolve);
            var paid = false;
            while (LifecyclePolicy.Next(LifecyclePolicy.FromState(state, events.Count), procedure, paid) is { } next)
            {
                decision = DossierDecider.Decide(state, Command(next, LifecyclePolicy.Actor(next.Who, worker, procedure.Agency), now), context);
                if (decision.IsRejected)
                {
                    throw new InvalidOperationException($"{code}: {next.Action.Name()} refused: {decision.Error.Message}");
                }

                events.AddRange(decision.Events);
                state = decision.Events.Aggregate(state, DossierState.Evolve);
                paid |= next.Action == DossierAction.Pay;
            }

            var start = Stopwatch.GetTimestamp();
            await using (var session = Store.LightweightSession())
            {
                Metadata().Stamp(session, citizen);
                session.Events.StartStream<DossierSummary>(code.ToString(), events.Cast<object>().ToArray());
                await session.SaveChangesAsync();
            }

            run.Record(worker, "dossier", start, events.Count);
            run.Complete(worker);
        }
    }

    private static ViewInfo Info(DossierView view) => new(
        view.Code, view.Status, view.Version, view.CurrentStep?.Id, view.CurrentStep?.Assignee, view.AmountDue, view.PermittedActions, view.Rating);

    private static IActionInput Input(NextCommand next) => next.Action switch
    {
        DossierAction.Receive => new ReceiveInput(),
        DossierAction.RequestPayment => new RequestPaymentInput(next.Amount),
        DossierAction.Pay => new PayInput(next.Amount, NextCommand.PaymentReference),
        DossierAction.Assign => new AssignInput(next.Assignee, null),
        DossierAction.CompleteStep => new CompleteStepInput(NextCommand.Opinion, next.Outcome),
        DossierAction.Approve => new ApproveInput(null),
        DossierAction.ReturnResult => new ReturnResultInput(next.Method),
        DossierAction.Rate => new RateInput(Rating.VerySatisfied, null, null),
        _ => throw new ArgumentOutOfRangeException(nameof(next), next.Action, null),
    };

    private static IDossierCommand Command(NextCommand next, Domain.Access.Actor by, DateTimeOffset now) => next.Action switch
    {
        DossierAction.Receive => new Receive(by, now),
        DossierAction.RequestPayment => new RequestPayment(by, now, next.Amount!.Value),
        DossierAction.Pay => new Pay(by, now, next.Amount!.Value, NextCommand.PaymentReference),
        DossierAction.Assign => new Assign(by, now, next.Assignee!),
        DossierAction.CompleteStep => new CompleteStep(by, now, NextCommand.Opinion, next.Outcome),
        DossierAction.Approve => new Approve(by, now),
        DossierAction.ReturnResult => new ReturnResult(by, now, next.Method!.Value),
        DossierAction.Rate => new Rate(by, now, Rating.VerySatisfied),
        _ => throw new ArgumentOutOfRangeException(nameof(next), next.Action, null),
    };

    private static Applicant Applicant(int worker) => new("Nguyễn Văn An", LifecyclePolicy.Citizen(worker), "0912345678");

    private static RequestMetadata Metadata()
    {
        var id = Guid.NewGuid().ToString("N")[..16];
        return new RequestMetadata(id, id);
    }

    /// <summary>Codes the API never hands out: days in 2001–2026 that its sequence table never saw.</summary>
    private static DossierCode NextCode(string unit)
    {
        var n = Interlocked.Increment(ref codeCounter) - 1;
        return DossierCode.Create(unit, new DateOnly(2001, 1, 1).AddDays((int)(n / 9999)), (int)(n % 9999) + 1);
    }
}
