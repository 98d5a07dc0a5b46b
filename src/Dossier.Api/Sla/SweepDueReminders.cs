using System.Collections.Concurrent;
using Dossier.Api.Audit;
using Dossier.Api.Notifications;
using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Projections.Dossiers;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Mediator;
using Microsoft.Extensions.Options;

namespace Dossier.Api.Sla;

/// <summary>
/// Time passed (a Quartz tick, a move of the development clock, a start-up): record every reminder that is due now
/// and not yet recorded.
/// </summary>
/// <param name="Codes">Only these dossiers (tests sharing a database); null: every open dossier.</param>
public sealed record SweepDueReminders(IReadOnlyList<string>? Codes = null) : IRequest<SweptReminders>;

/// <summary>What a sweep did: the application time it judged what was due against, and how many reminders it recorded.</summary>
public sealed record SweptReminders(DateTimeOffset Now, int Recorded);

/// <summary>
/// Streams the summary read model's open dossiers, asks <see cref="SlaReminders"/> which reminders are due, and lets the
/// decider record each (it refuses duplicates and stale due times). Dossiers with something due are recorded in batches:
/// one batched read fetches their streams for writing, and one transaction appends to all of them with their expected
/// versions, together with the notifications and outbox messages. A concurrent sweep on another host, or a user's
/// action, makes that transaction fail; the batch is then recorded again one dossier at a time from fresh state, and a
/// dossier that still conflicts is left to the next sweep — so each reminder is recorded exactly once.
/// </summary>
public sealed class SweepDueRemindersHandler(
    IDocumentStore store,
    Catalogue.ProcedureCatalogue catalogue,
    IWorkingCalendar calendar,
    TimeProvider clock,
    IOptions<SlaOptions> options,
    ILogger<SweepDueRemindersHandler> logger) : IRequestHandler<SweepDueReminders, SweptReminders>
{
    public static readonly Actor System = new("system:sla", Role.Admin, null);

    /// <summary>Dossiers recorded in one transaction: large enough to amortise the round trips, small enough that a conflict costs little.</summary>
    public const int BatchSize = 500;

    public async ValueTask<SweptReminders> Handle(SweepDueReminders request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sla = options.Value;
        var procedures = new ConcurrentDictionary<(string, int), Procedure?>();
        var recorded = 0;
        var writing = new List<Task<int>>();
        var batch = new List<string>(BatchSize);

        // Every open dossier under a clock: a step's due time can come long before the appointment.
        await using var query = store.QuerySession();
        var open = query.Query<DossierSummary>().Where(s => s.IsOpen && s.DueAtUtc != null);
        if (request.Codes is { } codes)
        {
            var wanted = codes.ToArray();
            open = open.Where(s => wanted.Contains(s.Id));
        }

        await foreach (var summary in open.ToAsyncEnumerable(cancellationToken))
        {
            var procedure = await ProcedureOf(summary.State, procedures, cancellationToken);
            if (!SlaReminders.DueNow(summary.State, now, calendar, sla, procedure).Any())
            {
                continue;
            }

            batch.Add(summary.Id);
            if (batch.Count < BatchSize)
            {
                continue;
            }

            // Batches are written by a few transactions at once: each PostgreSQL connection works on one core.
            if (writing.Count == Math.Max(1, sla.SweepWriters))
            {
                var done = await Task.WhenAny(writing);
                writing.Remove(done);
                recorded += await done;
            }

            writing.Add(RecordOrRetryEach([.. batch], now, sla, procedures, cancellationToken));
            batch.Clear();
        }

        writing.Add(RecordOrRetryEach(batch, now, sla, procedures, cancellationToken));
        return new SweptReminders(now, recorded + (await Task.WhenAll(writing)).Sum());
    }

    private async Task<int> RecordOrRetryEach(
        IReadOnlyList<string> codes, DateTimeOffset now, SlaOptions sla, ConcurrentDictionary<(string, int), Procedure?> procedures, CancellationToken cancellationToken)
    {
        if (codes.Count == 0)
        {
            return 0;
        }

        try
        {
            return await Record(codes, now, sla, procedures, cancellationToken);
        }
        catch (Exception e) when (IsConflict(e) && codes.Count > 1)
        {
            var recorded = 0;
            foreach (var code in codes)
            {
                try
                {
                    recorded += await Record([code], now, sla, procedures, cancellationToken);
                }
                catch (Exception again) when (IsConflict(again))
                {
                    LogConflict(logger, code);
                }
            }

            return recorded;
        }
        catch (Exception e) when (IsConflict(e))
        {
            LogConflict(logger, codes[0]);
            return 0;
        }
    }

    private async Task<Procedure?> ProcedureOf(DossierState state, ConcurrentDictionary<(string, int), Procedure?> cache, CancellationToken cancellationToken)
    {
        if (state.Procedure is not { } filed)
        {
            return null;
        }

        var key = (filed.Code, filed.Version);
        if (!cache.TryGetValue(key, out var procedure))
        {
            procedure = (await catalogue.Find(filed.Code, filed.Version, cancellationToken))?.ToProcedure();
            cache.TryAdd(key, procedure);
        }

        return procedure;
    }

    /// <summary>Fetches the dossiers' streams for writing in one batched read, then records their due reminders in one transaction.</summary>
    private async Task<int> Record(
        IReadOnlyList<string> codes, DateTimeOffset now, SlaOptions sla, ConcurrentDictionary<(string, int), Procedure?> procedures, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.CorrelationId = $"sla:{now.UtcTicks}";
        var read = session.CreateBatchQuery();
        var fetches = codes.Select(code => read.Events.FetchForWriting<DossierSummary>(code)).ToList();
        await read.Execute(cancellationToken);

        var recorded = 0;
        var notifications = new List<Notification>();
        foreach (var fetch in fetches)
        {
            var stream = await fetch;
            if (stream.Aggregate is { } summary)
            {
                recorded += Append(session, stream, summary, now, sla, await ProcedureOf(summary.State, procedures, cancellationToken), notifications);
            }
        }

        if (recorded > 0)
        {
            session.Store(notifications.ToArray());
            session.Store(OutboxMessagesFor(notifications, now).ToArray());
            await session.SaveChangesAsync(cancellationToken);
        }

        return recorded;
    }

    /// <summary>The one place a sweep appends to a dossier's stream: its due reminders, as the decider records them.</summary>
    private int Append(
        IDocumentSession session, IEventStream<DossierSummary> stream, DossierSummary summary, DateTimeOffset now, SlaOptions sla, Procedure? procedure,
        List<Notification> notifications)
    {
        var state = summary.State;
        var events = new List<IDossierEvent>();
        foreach (var due in SlaReminders.DueNow(state, now, calendar, sla, procedure))
        {
            var decision = DossierDecider.Decide(
                state,
                new RecordReminder(System, now, due.Kind, due.DueAt, due.StepId),
                new DecisionContext(NoProcedure, calendar));
            if (!decision.IsAccepted)
            {
                continue;
            }

            foreach (var e in decision.Events)
            {
                state = DossierState.Evolve(state, e);
                events.Add(e);
                if (e is ReminderRecorded reminder)
                {
                    notifications.AddRange(Notification.Of(reminder, state));
                }
            }
        }

        if (events.Count > 0)
        {
            stream.AppendMany(events.Cast<object>().ToArray());
            StreamSealing.Seal(session, summary.Id, stream.StartingVersion ?? 0, summary.ChainHead, stream.Events);
        }

        return events.Count;
    }

    /// <summary>
    /// One message per recipient for the whole batch, listing its reminders: a desk whose unit has hundreds of dossiers
    /// falling due at once gets one e-mail or SMS, not hundreds, and the outbox one row instead of one per reminder. The
    /// message takes the id of its first notification: unique, and for a recipient with one reminder the id it always had.
    /// </summary>
    private static IEnumerable<OutboxMessage> OutboxMessagesFor(IEnumerable<Notification> notifications, DateTimeOffset now) =>
        notifications
            .GroupBy(n => n.PersonId is null ? (Channel: "unit", To: $"{n.Agency}/{n.Role}") : (Channel: "person", To: n.PersonId))
            .Select(recipient => new OutboxMessage
            {
                Id = recipient.First().Id,
                Channel = recipient.Key.Channel,
                To = recipient.Key.To,
                Body = string.Join('\n', recipient.Select(n => n.Message)),
                NextAttemptAt = now,
            });

    /// <summary>RecordReminder never looks at the procedure; the decision context only needs one to exist.</summary>
    private static readonly Procedure NoProcedure = null!;

    private static bool IsConflict(Exception e) =>
        e is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException
        || e.GetType().Name.Contains("Concurrency", StringComparison.Ordinal);

    private static void LogConflict(ILogger logger, string code) =>
        logger.LogInformation("SLA sweep: dossier {Code} changed concurrently; the next sweep decides again.", code);
}
