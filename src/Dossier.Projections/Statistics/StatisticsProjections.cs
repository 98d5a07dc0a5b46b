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
        // A reminder changes no fact: the daemon neither loads reminders for the facts nor rewrites a dossier's facts
        // for each one an SLA sweep records (ADR 0023).
        foreach (var type in DossierEventNames.ByType.Keys.Where(type => type != typeof(ReminderRecorded)))
        {
            facts.IncludeType(type);
        }

        options.Projections.Add(facts, ProjectionLifecycle.Async);
        options.Projections.Add(new DailyStatisticsProjection(calendar), ProjectionLifecycle.Async);

        options.Projections.Errors.SkipApplyErrors = false;
        options.Projections.Errors.SkipSerializationErrors = false;
        options.Projections.Errors.SkipUnknownEvents = false;
        options.Projections.RebuildErrors.SkipApplyErrors = false;
        options.Projections.RebuildErrors.SkipSerializationErrors = false;
        options.Projections.RebuildErrors.SkipUnknownEvents = false;

        const string Timestamp = "timestamp with time zone";
        // Indexed: the instants and the unit the report's queries start from. The other columns it reads are
        // duplicated without an index by DossierFacts.ConfigureMarten.
        options.Schema.For<DossierFacts>()
            .Duplicate(f => f.Unit)
            .Duplicate(f => f.ReceivedAt!, Timestamp, NpgsqlDbType.TimestampTz)
            .Duplicate(f => f.ResolvedAt!, Timestamp, NpgsqlDbType.TimestampTz)
            .Duplicate(f => f.EndedAt!, Timestamp, NpgsqlDbType.TimestampTz)
            .Duplicate(f => f.RatedAt!, Timestamp, NpgsqlDbType.TimestampTz);

        options.Schema.For<DailyStatistics>()
            .Duplicate(d => d.Unit)
            .Duplicate(d => d.ProcedureCode)
            .Duplicate(d => d.Day, "date", NpgsqlDbType.Date);
    }
}
