using System.Data.Common;
using Marten;
using Npgsql;

namespace Dossier.Projections.Statistics;

/// <summary>
/// Reads the statistics of a period from the daily documents alone: the flows are sums over the period's days, and
/// "carried over", "in progress" and "overdue" are running balances summed over the days before the instant they are
/// judged at — the day that holds "now" counted up to now from its changes' own instants. The cost grows with days ×
/// units × procedures, not with the dossiers. Nothing here replays events or reads per-dossier documents.
/// </summary>
public sealed class StatisticsReader(IQuerySession session)
{
    public async Task<StatisticsTallies> Tallies(ReportPeriod period, string? unit, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var asOf = period.AsOf(now);
        var byProcedure = await Sums(period, asOf, unit, ct);
        var units = byProcedure
            .GroupBy(p => p.Tally.Unit, StringComparer.Ordinal)
            .Select(g => g.Aggregate(new UnitTally(g.Key), (sum, p) => sum.Plus(p.Tally)))
            .Where(t => !t.IsEmpty || t.Unit == unit)
            .ToList();
        if (unit is not null && units.Count == 0)
        {
            units.Add(new UnitTally(unit));
        }

        var procedures = byProcedure
            .Where(p => p.Tally.Resolved > 0)
            .Select(p => new ProcedureTally(p.ProcedureCode, p.ProcedureName!, p.Tally.Unit, p.Tally.Resolved, p.Tally.ProcessingWorkingDays))
            .OrderBy(p => p.ProcedureCode, StringComparer.Ordinal)
            .ThenBy(p => p.Unit, StringComparer.Ordinal)
            .ToList();
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

    private sealed record ProcedureSums(string ProcedureCode, string? ProcedureName, UnitTally Tally);

    /// <summary>
    /// One pass over the daily documents up to the end of the period, per unit and procedure: the period's flows, the
    /// balances of dossiers in progress at its start and at its end, and the overdue balance at <paramref name="asOf"/> —
    /// the whole days before its day from their totals, that day's changes before it from its list (none when it is a
    /// midnight). The "not satisfied" ratings of dossiers resolved in the period but given after it are taken back,
    /// reading the lists only of the days whose last such rating came after the period.
    /// </summary>
    private async Task<List<ProcedureSums>> Sums(ReportPeriod period, DateTimeOffset asOf, string? unit, CancellationToken ct)
    {
        var sql = $"""
            select unit, procedure_code,
              coalesce(sum(received_online) filter (where day >= @from), 0),
              coalesce(sum(received_in_person + received_by_post) filter (where day >= @from), 0),
              coalesce(sum(received_online + received_in_person + received_by_post - left_in_progress) filter (where day < @from), 0),
              coalesce(sum(resolved_before_deadline) filter (where day >= @from), 0),
              coalesce(sum(resolved_on_time) filter (where day >= @from), 0),
              coalesce(sum(resolved_late) filter (where day >= @from), 0),
              coalesce(sum(resolved_online) filter (where day >= @from), 0),
              coalesce(sum(resolved_rated_not_satisfied) filter (where day >= @from), 0)
                - coalesce(sum((select count(*)::int from jsonb_array_elements_text(data -> 'notSatisfiedRatingDays') r where r::date > @to))
                    filter (where day >= @from and last_not_satisfied_rating_day > @to), 0),
              coalesce(sum(processing_working_days) filter (where day >= @from), 0),
              coalesce(sum(withdrawn) filter (where day >= @from), 0),
              coalesce(sum(not_accepted) filter (where day >= @from), 0),
              coalesce(sum(stopped) filter (where day >= @from), 0),
              coalesce(sum(ratings_given) filter (where day >= @from), 0),
              coalesce(sum(ratings_satisfied) filter (where day >= @from), 0),
              coalesce(sum(received_online + received_in_person + received_by_post - left_in_progress), 0),
              coalesce(sum(overdue_change) filter (where day < @asOfDay), 0)
                + coalesce(sum((select sum((c ->> 'delta')::int)::int from jsonb_array_elements(data -> 'overdueChanges') c where (c ->> 'at')::timestamptz < @asOf))
                    filter (where day = @asOfDay), 0),
              max(resolved_procedure_name) filter (where day >= @from)
            from {DailyTable}
            where day <= @to and (@unit::varchar is null or unit = @unit::varchar)
            group by unit, procedure_code
            """;
        await using var command = Command(sql, period, asOf, unit);
        var procedures = new List<ProcedureSums>();
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct))
        {
            procedures.Add(new ProcedureSums(reader.GetString(1), reader.IsDBNull(18) ? null : reader.GetString(18), new UnitTally(reader.GetString(0))
            {
                ReceivedOnline = Int(reader, 2),
                ReceivedInPersonOrPost = Int(reader, 3),
                CarriedOver = Int(reader, 4),
                ResolvedBeforeDeadline = Int(reader, 5),
                ResolvedOnTime = Int(reader, 6),
                ResolvedLate = Int(reader, 7),
                ResolvedOnline = Int(reader, 8),
                ResolvedRatedNotSatisfied = Int(reader, 9),
                ProcessingWorkingDays = reader.GetInt64(10),
                Withdrawn = Int(reader, 11),
                NotAccepted = Int(reader, 12),
                Stopped = Int(reader, 13),
                Ratings = Int(reader, 14),
                RatingsSatisfied = Int(reader, 15),
                InProgress = Int(reader, 16),
                Overdue = Int(reader, 17),
            }));
        }

        return procedures;
    }

    private string DailyTable => session.DocumentStore.Options.FindOrResolveDocumentType(typeof(DailyStatistics)).TableName.QualifiedName;

    private static NpgsqlCommand Command(string sql, ReportPeriod period, DateTimeOffset asOf, string? unit)
    {
        var command = new NpgsqlCommand(sql);
        command.Parameters.AddWithValue("from", period.From);
        command.Parameters.AddWithValue("to", period.To);
        command.Parameters.AddWithValue("asOf", asOf.ToUniversalTime());
        command.Parameters.AddWithValue("asOfDay", DossierFacts.LocalDate(asOf));
        command.Parameters.Add(new NpgsqlParameter("unit", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = (object?)unit ?? DBNull.Value });
        return command;
    }

    private static int Int(DbDataReader reader, int ordinal) => checked((int)reader.GetInt64(ordinal));
}
