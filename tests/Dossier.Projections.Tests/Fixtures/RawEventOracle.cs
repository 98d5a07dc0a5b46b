using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Statistics;
using Marten;

namespace Dossier.Projections.Tests.Fixtures;

/// <summary>
/// The statistics of a period computed the straightforward way, from the raw events alone: fold each dossier's events
/// with the domain's own <see cref="DossierState.Evolve"/> up to the start and the end of the period and read the rules
/// of DOMAIN.md off those states. Shares no code with the projections or their queries.
/// </summary>
public static class RawEventOracle
{
    public static async Task<IReadOnlyList<IReadOnlyList<IDossierEvent>>> LoadHistories(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
        return events
            .Where(e => e.Data is IDossierEvent)
            .GroupBy(e => e.StreamKey!)
            .Select(g => (IReadOnlyList<IDossierEvent>)g.OrderBy(e => e.Version).Select(e => (IDossierEvent)e.Data).ToList())
            .ToList();
    }

    public static StatisticsTallies Compute(
        IEnumerable<IReadOnlyList<IDossierEvent>> histories, ReportPeriod period, DateTimeOffset now, string? unit, IWorkingCalendar calendar)
    {
        var start = period.Start;
        var end = period.End;
        var asOf = now < end ? now : end;
        var units = new Dictionary<string, UnitTally>(StringComparer.Ordinal);
        var procedures = new Dictionary<(string Code, string Unit), ProcedureTally>();

        foreach (var history in histories)
        {
            var atStart = DossierState.From(history.Where(e => e.At < start));
            var atEnd = DossierState.From(history.Where(e => e.At < end));
            if (atEnd.Procedure is not { } procedure || (unit is not null && procedure.Agency != unit))
            {
                continue;
            }

            var t = units.GetValueOrDefault(procedure.Agency) ?? new UnitTally(procedure.Agency);
            bool InPeriod(DateTimeOffset? at) => at >= start && at < end;

            if (InPeriod(atEnd.ReceivedAt))
            {
                t = atEnd.Channel == Channel.Online
                    ? t with { ReceivedOnline = t.ReceivedOnline + 1 }
                    : t with { ReceivedInPersonOrPost = t.ReceivedInPersonOrPost + 1 };
            }

            if (atStart.ReceivedAt is not null && atStart.IsOpen)
            {
                t = t with { CarriedOver = t.CarriedOver + 1 };
            }

            if (InPeriod(atEnd.ResolvedAt))
            {
                var decision = history.First(e => e is DossierApproved or DossierRefused);
                var atDecision = DossierState.From(history.TakeWhile(e => e != decision).Append(decision));
                var resolvedAt = atDecision.ResolvedAt!.Value;
                var dueAt = atDecision.OriginalDueAt!.Value;
                var resolvedDay = resolvedAt.ToOffset(WorkingCalendar.VietnamOffset).Date;
                var dueDay = dueAt.ToOffset(WorkingCalendar.VietnamOffset).Date;
                if (resolvedAt > dueAt)
                {
                    t = t with { ResolvedLate = t.ResolvedLate + 1 };
                }
                else if (resolvedDay < dueDay)
                {
                    t = t with { ResolvedBeforeDeadline = t.ResolvedBeforeDeadline + 1 };
                }
                else
                {
                    t = t with { ResolvedOnTime = t.ResolvedOnTime + 1 };
                }

                var days = calendar.WorkingDaysBetween(atDecision.ReceivedAt!.Value, resolvedAt);
                t = t with
                {
                    ResolvedOnline = t.ResolvedOnline + (atEnd.Channel == Channel.Online ? 1 : 0),
                    ResolvedRatedNotSatisfied = t.ResolvedRatedNotSatisfied + (atEnd.Rating == Rating.NotSatisfied ? 1 : 0),
                    ProcessingWorkingDays = t.ProcessingWorkingDays + days,
                };
                var key = (procedure.Code, procedure.Agency);
                var p = procedures.GetValueOrDefault(key) ?? new ProcedureTally(procedure.Code, procedure.Name, procedure.Agency, 0, 0);
                procedures[key] = p with { Resolved = p.Resolved + 1, WorkingDays = p.WorkingDays + days };
            }

            if (atEnd.ReceivedAt is not null && atEnd.IsOpen)
            {
                t = t with { InProgress = t.InProgress + 1 };
                var due = atEnd.ClockPausedAt is { } pausedAt
                    ? calendar.ExtendForPause(atEnd.OriginalDueAt!.Value, pausedAt, asOf)
                    : atEnd.OriginalDueAt!.Value;
                if (due < asOf)
                {
                    t = t with { Overdue = t.Overdue + 1 };
                }
            }

            foreach (var e in history.Where(e => InPeriod(e.At)))
            {
                t = e switch
                {
                    DossierWithdrawn => t with { Withdrawn = t.Withdrawn + 1 },
                    DossierNotAccepted => t with { NotAccepted = t.NotAccepted + 1 },
                    ProcessingStopped => t with { Stopped = t.Stopped + 1 },
                    DossierRated r => t with
                    {
                        Ratings = t.Ratings + 1,
                        RatingsSatisfied = t.RatingsSatisfied + (r.Rating == Rating.NotSatisfied ? 0 : 1),
                    },
                    _ => t,
                };
            }

            units[procedure.Agency] = t;
        }

        var rows = units.Values.Where(t => !t.IsEmpty || t.Unit == unit).ToList();
        if (unit is not null && rows.Count == 0)
        {
            rows.Add(new UnitTally(unit));
        }

        return new StatisticsTallies(
            period,
            asOf,
            unit,
            rows.OrderBy(t => t.Unit, StringComparer.Ordinal).ToList(),
            procedures.Values.OrderBy(p => p.ProcedureCode, StringComparer.Ordinal).ThenBy(p => p.Unit, StringComparer.Ordinal).ToList());
    }
}
