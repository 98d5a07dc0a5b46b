using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using JasperFx.Events.Projections;
using Marten;
using NpgsqlTypes;

namespace Dossier.Projections.Statistics;

/// <summary>
/// Registers the statistics read models on Marten's async daemon and makes every projection failure stop its shard
/// instead of skipping the event: a statistic that silently lost an event would be wrong for good.
/// </summary>
public static class StatisticsProjections
{
    public static void Configure(StoreOptions options, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(calendar);

        var facts = new DossierFactsProjection(calendar);
        var daily = new DailyStatisticsProjection(calendar);
        // A reminder changes no fact and no count: the daemon neither loads reminders for the statistics nor rewrites a
        // dossier's facts for each one an SLA sweep records (ADR 0023).
        foreach (var type in DossierEventNames.ByType.Keys.Where(DossierFacts.Concerns))
        {
            facts.IncludeType(type);
            daily.IncludeType(type);
        }

        options.Projections.Add(facts, ProjectionLifecycle.Async);
        options.Projections.Add(daily, ProjectionLifecycle.Async);

        options.Projections.Errors.SkipApplyErrors = false;
        options.Projections.Errors.SkipSerializationErrors = false;
        options.Projections.Errors.SkipUnknownEvents = false;
        options.Projections.RebuildErrors.SkipApplyErrors = false;
        options.Projections.RebuildErrors.SkipSerializationErrors = false;
        options.Projections.RebuildErrors.SkipUnknownEvents = false;

        // Indexed: the unit and the day the report selects daily documents by; the counts it sums are duplicated without
        // an index by DailyStatistics.ConfigureMarten. The facts are only ever loaded by id.
        // A report scans the columns of every daily row up to the end of its period and never the document. Once a row
        // passes PostgreSQL's toasting threshold (about 2 KB), a target of 600 bytes moves the document out of line and
        // keeps the heap it scans small (16 MB → 3.3 MB at 200,000 dossiers) while the columns, the procedure's name (up
        // to about 240 bytes) included, stay in the row. Rows under the threshold keep their document (docs/benchmarks.md).
        options.Schema.For<DailyStatistics>()
            .Duplicate(d => d.Unit)
            .Duplicate(d => d.ProcedureCode)
            .Duplicate(d => d.Day, "date", NpgsqlDbType.Date)
            .StorageParameter("toast_tuple_target", 600);
    }
}
