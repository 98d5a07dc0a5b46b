using Dossier.Api.Audit;
using Dossier.Api.Notifications;
using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Projections.Dossiers;
using Marten;
using Mediator;
using Microsoft.Extensions.Options;

namespace Dossier.Api.Sla;

/// <summary>
/// Time passed (a Quartz tick, a move of the development clock, a start-up): record every reminder that is due now
/// and not yet recorded. Returns how many were recorded.
/// </summary>
/// <param name="Codes">Only these dossiers (tests sharing a database); null: every open dossier.</param>
public sealed record SweepDueReminders(IReadOnlyList<string>? Codes = null) : IRequest<int>;

/// <summary>
/// Queries the summary read model for open dossiers whose appointment is near or past, asks
/// <see cref="SlaReminders"/> which reminders are due, and lets the decider record each (it refuses duplicates and
/// stale due times). The events, their notifications and outbox messages are stored in one transaction appended
/// with the expected stream version: a concurrent sweep on another host, or a user's action, makes this append fail
/// and the next sweep decides again from the new state — so each reminder is recorded exactly once.
/// </summary>
public sealed class SweepDueRemindersHandler(
    IDocumentStore store,
    Catalogue.ProcedureCatalogue catalogue,
    IWorkingCalendar calendar,
    TimeProvider clock,
    IOptions<SlaOptions> options,
    ILogger<SweepDueRemindersHandler> logger) : IRequestHandler<SweepDueReminders, int>
{
    public static readonly Actor System = new("system:sla", Role.Admin, null);

    public async ValueTask<int> Handle(SweepDueReminders request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sla = options.Value;

        // Every open dossier under a clock: a step's due time can come long before the appointment.
        IReadOnlyList<DossierSummary> candidates;
        await using (var query = store.QuerySession())
        {
            var open = query.Query<DossierSummary>().Where(s => s.IsOpen && s.DueAt != null);
            if (request.Codes is { } codes)
            {
                var wanted = codes.ToArray();
                open = open.Where(s => wanted.Contains(s.Id));
            }

            candidates = await open.ToListAsync(cancellationToken);
        }

        var recorded = 0;
        var procedures = new Dictionary<(string, int), Procedure?>();
        foreach (var summary in candidates)
        {
            var procedure = await ProcedureOf(summary.State, procedures, cancellationToken);
            if (!SlaReminders.DueNow(summary.State, now, calendar, sla, procedure).Any())
            {
                continue;
            }

            try
            {
                recorded += await Record(summary.Id, now, sla, procedure, cancellationToken);
            }
            catch (Exception e) when (IsConflict(e))
            {
                LogConflict(logger, summary.Id);
            }
        }

        return recorded;
    }

    private async Task<Procedure?> ProcedureOf(DossierState state, Dictionary<(string, int), Procedure?> cache, CancellationToken cancellationToken)
    {
        if (state.Procedure is not { } filed)
        {
            return null;
        }

        var key = (filed.Code, filed.Version);
        if (!cache.TryGetValue(key, out var procedure))
        {
            procedure = (await catalogue.Find(filed.Code, filed.Version, cancellationToken))?.ToProcedure();
            cache[key] = procedure;
        }

        return procedure;
    }

    private async Task<int> Record(string code, DateTimeOffset now, SlaOptions sla, Procedure? procedure, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<DossierSummary>(code, cancellationToken);
        if (stream.Aggregate is not { } summary)
        {
            return 0;
        }

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
                    foreach (var notification in Notification.Of(reminder, state))
                    {
                        session.Store(notification);
                        session.Store(new OutboxMessage
                        {
                            Id = notification.Id,
                            Channel = notification.PersonId is null ? "unit" : "person",
                            To = notification.PersonId ?? $"{notification.Agency}/{notification.Role}",
                            Body = notification.Message,
                            NextAttemptAt = now,
                        });
                    }
                }
            }
        }

        if (events.Count == 0)
        {
            return 0;
        }

        session.CorrelationId = $"sla:{now.UtcTicks}";
        stream.AppendMany(events.Cast<object>().ToArray());
        StreamSealing.Seal(session, summary.Id, stream.StartingVersion ?? 0, summary.ChainHead, stream.Events);
        await session.SaveChangesAsync(cancellationToken);
        return events.Count;
    }

    /// <summary>RecordReminder never looks at the procedure; the decision context only needs one to exist.</summary>
    private static readonly Procedure NoProcedure = null!;

    private static bool IsConflict(Exception e) =>
        e is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException
        || e.GetType().Name.Contains("Concurrency", StringComparison.Ordinal);

    private static void LogConflict(ILogger logger, string code) =>
        logger.LogInformation("SLA sweep: dossier {Code} changed concurrently; the next sweep decides again.", code);
}
