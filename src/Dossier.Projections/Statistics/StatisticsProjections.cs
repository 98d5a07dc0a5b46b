using Dossier.Domain.Calendar;
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

        options.Projections.Add(new DossierFactsProjection(calendar), ProjectionLifecycle.Async);
        options.Projections.Add(new DailyStatisticsProjection(calendar), ProjectionLifecycle.Async);

        options.Projections.Errors.SkipApplyErrors = false;
        options.Projections.Errors.SkipSerializationErrors = false;
        options.Projections.Errors.SkipUnknownEvents = false;
        options.Projections.RebuildErrors.SkipApplyErrors = false;
        options.Projections.RebuildErrors.SkipSerializationErrors = false;
        options.Projections.RebuildErrors.SkipUnknownEvents = false;

        const string Timestamp = "timestamp with time zone";
        options.Schema.For<DossierFacts>()
            .Duplicate(f => f.Unit)
            .Duplicate(f => f.ProcedureCode)
            .Duplicate(f => f.Online, "boolean", NpgsqlDbType.Boolean)
            .Duplicate(f => f.ReceivedAt!, Timestamp, NpgsqlDbType.TimestampTz)
            .Duplicate(f => f.ResolvedAt!, Timestamp, NpgsqlDbType.TimestampTz)
            .Duplicate(f => f.ClosedAt!, Timestamp, NpgsqlDbType.TimestampTz)
            .Duplicate(f => f.EndedAt!, Timestamp, NpgsqlDbType.TimestampTz)
            .Duplicate(f => f.DeadlineChangedAt!, Timestamp, NpgsqlDbType.TimestampTz)
            .Duplicate(f => f.DeadlineDueAt!, Timestamp, NpgsqlDbType.TimestampTz)
            .Duplicate(f => f.DeadlinePausedAt!, Timestamp, NpgsqlDbType.TimestampTz)
            .Duplicate(f => f.RatedAt!, Timestamp, NpgsqlDbType.TimestampTz)
            .Duplicate(f => f.Timing!, "varchar")
            .Duplicate(f => f.ClosedAs!, "varchar")
            .Duplicate(f => f.Rating!, "varchar")
            .Duplicate(f => f.ProcessingWorkingDays!, "integer", NpgsqlDbType.Integer);

        options.Schema.For<DailyStatistics>()
            .Duplicate(d => d.Unit)
            .Duplicate(d => d.ProcedureCode)
            .Duplicate(d => d.Day, "date", NpgsqlDbType.Date);
    }
}
