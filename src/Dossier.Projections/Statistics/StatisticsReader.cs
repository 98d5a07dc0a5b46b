using System.Data.Common;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Marten;
using Npgsql;

namespace Dossier.Projections.Statistics;

/// <summary>
/// Reads the statistics of a period from the read models: one aggregate query over the per-dossier facts for the
/// counts, the open dossiers' deadline histories for the in-progress columns, and the daily documents for the
/// series. Nothing here replays events.
/// </summary>
public sealed class StatisticsReader(IQuerySession session, IWorkingCalendar calendar)
{
    public async Task<StatisticsTallies> Tallies(ReportPeriod period, string? unit, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var asOf = period.AsOf(now);
        var counts = (await Counts(period, unit, ct)).ToDictionary(t => t.Unit, StringComparer.Ordinal);
        var open = await OpenByUnit(period, asOf, unit, ct);
        var units = counts.Keys.Union(open.Keys)
            .Select(u => counts.GetValueOrDefault(u, new UnitTally(u)) with
            {
                InProgress = open.GetValueOrDefault(u).InProgress,
                Overdue = open.GetValueOrDefault(u).Overdue,
            })
            .Where(t => !t.IsEmpty || t.Unit == unit)
            .ToList();
        if (unit is not null && units.Count == 0)
        {
            units.Add(new UnitTally(unit));
        }

        var procedures = await ProcessingTimes(period, unit, ct);
        return new StatisticsTallies(period, asOf, unit, units.OrderBy(t => t.Unit, StringComparer.Ordinal).ToList(), procedures);
    }

    public async Task<IReadOnlyList<DailyStatistics>> Daily(ReportPeriod period, string? unit, string? procedureCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        IQueryable<DailyStatistics> query = session.Query<DailyStatistics>().Where(d => d.Day >= period.From && d.Day <= period.To);
        if (unit is not null)
        {
            query = query.Where(d => d.Unit == unit);
        }

        if (procedureCode is not null)
        {
            query = query.Where(d => d.ProcedureCode == procedureCode);
        }

        var days = await query.ToListAsync(ct);
        return days.OrderBy(d => d.Day).ThenBy(d => d.Unit, StringComparer.Ordinal).ThenBy(d => d.ProcedureCode, StringComparer.Ordinal).ToList();
    }

    private async Task<List<UnitTally>> Counts(ReportPeriod period, string? unit, CancellationToken ct)
    {
        // One pass over the facts that can matter for the period: those still open at its start or touched during it.
        var sql = $"""
            select unit,
              count(*) filter (where received_at >= @start and received_at < @end and online),
              count(*) filter (where received_at >= @start and received_at < @end and not online),
              count(*) filter (where received_at < @start and (resolved_at is null or resolved_at >= @start)
                                 and (closed_at is null or closed_at >= @start)),
              count(*) filter (where resolved_at >= @start and resolved_at < @end and timing = @before),
              count(*) filter (where resolved_at >= @start and resolved_at < @end and timing = @onTime),
              count(*) filter (where resolved_at >= @start and resolved_at < @end and timing = @late),
              count(*) filter (where resolved_at >= @start and resolved_at < @end and online),
              count(*) filter (where resolved_at >= @start and resolved_at < @end and rated_at < @end and rating = @notSatisfied),
              coalesce(sum(processing_working_days) filter (where resolved_at >= @start and resolved_at < @end), 0),
              count(*) filter (where closed_at >= @start and closed_at < @end and closed_as = @withdrawn),
              count(*) filter (where closed_at >= @start and closed_at < @end and closed_as = @notAccepted),
              count(*) filter (where closed_at >= @start and closed_at < @end and closed_as = @stopped),
              count(*) filter (where rated_at >= @start and rated_at < @end),
              count(*) filter (where rated_at >= @start and rated_at < @end and rating <> @notSatisfied)
            from {FactsTable}
            where (@unit::varchar is null or unit = @unit::varchar)
              and (ended_at is null or ended_at >= @start or (rated_at >= @start and rated_at < @end))
            group by unit
            """;
        await using var command = Command(sql, period, unit);
        command.Parameters.AddWithValue("before", ResolutionTiming.BeforeDeadline.ToString());
        command.Parameters.AddWithValue("onTime", ResolutionTiming.OnTime.ToString());
        command.Parameters.AddWithValue("late", ResolutionTiming.Late.ToString());
        command.Parameters.AddWithValue("notSatisfied", Rating.NotSatisfied.ToString());
        command.Parameters.AddWithValue("withdrawn", ClosedWithoutDecision.Withdrawn.ToString());
        command.Parameters.AddWithValue("notAccepted", ClosedWithoutDecision.NotAccepted.ToString());
        command.Parameters.AddWithValue("stopped", ClosedWithoutDecision.Stopped.ToString());

        var tallies = new List<UnitTally>();
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct))
        {
            tallies.Add(new UnitTally(reader.GetString(0))
            {
                ReceivedOnline = Int(reader, 1),
                ReceivedInPersonOrPost = Int(reader, 2),
                CarriedOver = Int(reader, 3),
                ResolvedBeforeDeadline = Int(reader, 4),
                ResolvedOnTime = Int(reader, 5),
                ResolvedLate = Int(reader, 6),
                ResolvedOnline = Int(reader, 7),
                ResolvedRatedNotSatisfied = Int(reader, 8),
                ProcessingWorkingDays = reader.GetInt64(9),
                Withdrawn = Int(reader, 10),
                NotAccepted = Int(reader, 11),
                Stopped = Int(reader, 12),
                Ratings = Int(reader, 13),
                RatingsSatisfied = Int(reader, 14),
            });
        }

        return tallies;
    }

    /// <summary>
    /// The dossiers open at the end of the period, and of those the overdue ones. Whether an open dossier is overdue
    /// depends on its deadline as it stood then (the last point of its history before the end: the latest point, in its
    /// own columns, unless the deadline changed after the end) and on whether its clock stood still: PostgreSQL picks
    /// that point and judges the running clocks; the few whose clock stood still come back to be judged here with the
    /// working calendar. Both counts come from this one read, so they always agree.
    /// </summary>
    private async Task<Dictionary<string, (int InProgress, int Overdue)>> OpenByUnit(
        ReportPeriod period, DateTimeOffset asOf, string? unit, CancellationToken ct)
    {
        var sql = $"""
            select f.unit, count(*),
              count(*) filter (where p.paused is null and p.due < @asOf),
              array_agg(p.due) filter (where p.paused is not null),
              array_agg(p.paused) filter (where p.paused is not null)
            from {FactsTable} f
            left join lateral (
              select f.deadline_due_at as due, f.deadline_paused_at as paused_at
              where f.deadline_changed_at < @end
              union all
              (select (d ->> 'originalDueAt')::timestamptz, (d ->> 'pausedAt')::timestamptz
               from jsonb_array_elements(f.data -> 'deadlines') d
               where f.deadline_changed_at >= @end and (d ->> 'at')::timestamptz < @end
               order by (d ->> 'at')::timestamptz desc
               limit 1)) point on true
            cross join lateral (
              select point.due, case when point.paused_at <= @asOf then point.paused_at end as paused) p
            where f.received_at < @end and (f.ended_at is null or f.ended_at >= @end)
              and (@unit::varchar is null or f.unit = @unit::varchar)
            group by f.unit
            """;
        await using var command = Command(sql, period, unit);
        command.Parameters.AddWithValue("asOf", asOf.ToUniversalTime());
        var open = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct))
        {
            var overdue = Int(reader, 2);
            if (!reader.IsDBNull(3))
            {
                var dues = reader.GetFieldValue<DateTimeOffset[]>(3);
                var pauses = reader.GetFieldValue<DateTimeOffset[]>(4);
                overdue += dues.Zip(pauses).Count(d => DossierFacts.EffectiveDue(new DeadlinePoint(asOf, d.First, d.Second), asOf, calendar) < asOf);
            }

            open[reader.GetString(0)] = (Int(reader, 1), overdue);
        }

        return open;
    }

    private async Task<IReadOnlyList<ProcedureTally>> ProcessingTimes(ReportPeriod period, string? unit, CancellationToken ct)
    {
        var sql = $"""
            select procedure_code, unit, max(data ->> 'procedureName'), count(*), coalesce(sum(processing_working_days), 0)
            from {FactsTable}
            where resolved_at >= @start and resolved_at < @end and (@unit::varchar is null or unit = @unit::varchar)
            group by procedure_code, unit
            """;
        await using var command = Command(sql, period, unit);
        var tallies = new List<ProcedureTally>();
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct))
        {
            tallies.Add(new ProcedureTally(reader.GetString(0), reader.GetString(2), reader.GetString(1), Int(reader, 3), reader.GetInt64(4)));
        }

        return tallies.OrderBy(p => p.ProcedureCode, StringComparer.Ordinal).ThenBy(p => p.Unit, StringComparer.Ordinal).ToList();
    }

    private string FactsTable => session.DocumentStore.Options.FindOrResolveDocumentType(typeof(DossierFacts)).TableName.QualifiedName;

    private static NpgsqlCommand Command(string sql, ReportPeriod period, string? unit)
    {
        var command = new NpgsqlCommand(sql);
        command.Parameters.AddWithValue("start", period.Start.ToUniversalTime());
        command.Parameters.AddWithValue("end", period.End.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter("unit", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = (object?)unit ?? DBNull.Value });
        return command;
    }

    private static int Int(DbDataReader reader, int ordinal) => checked((int)reader.GetInt64(ordinal));
}
