using Dossier.Tests.Shared;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Dossiers;
using Dossier.Projections.Statistics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Daemon;
using Npgsql;
using Weasel.Core;

namespace Dossier.Projections.Tests.Fixtures;

/// <summary>
/// A Marten store on a database of its own, configured like the API host's (string stream keys, stable event names,
/// the inline summary) plus the statistics projections, with helpers to append dossier histories and to let the async
/// daemon catch up — waited for explicitly, never with sleeps.
/// </summary>
public sealed class StatisticsStore : IAsyncDisposable
{
    public static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(90);

    private readonly NpgsqlDataSource dataSource;

    private StatisticsStore(string connectionString, IWorkingCalendar calendar)
    {
        ConnectionString = connectionString;
        Calendar = calendar;
        dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        Store = DocumentStore.For(options => Configure(options, dataSource, calendar));
    }

    public string ConnectionString { get; }

    public IWorkingCalendar Calendar { get; }

    public DocumentStore Store { get; }

    public static async Task<StatisticsStore> Create(string purpose, IWorkingCalendar? calendar = null)
    {
        var store = new StatisticsStore(TestDatabase.CreateDatabase(purpose), calendar ?? WorkingCalendar.Vietnam());
        await store.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }

    /// <summary>A second store on the same database, as another host after a restart would have.</summary>
    public StatisticsStore Reopen() => new(ConnectionString, Calendar);

    /// <summary>The event settings of <c>Dossier.Api.Hosting.StoreSetup</c>, which this test project does not reference.</summary>
    public static void Configure(StoreOptions options, NpgsqlDataSource dataSource, IWorkingCalendar calendar)
    {
        options.Connection(dataSource);
        options.DatabaseSchemaName = "dossier";
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.AppendMode = EventAppendMode.Quick;
        foreach (var (type, name) in DossierEventNames.ByType)
        {
            options.Events.MapEventType(type, name);
        }

        options.Projections.Add<DossierSummaryProjection>(ProjectionLifecycle.Inline);
        StatisticsProjections.Configure(options, calendar);
    }

    /// <summary>Appends each history as a new stream under its dossier code, one transaction per dossier.</summary>
    public async Task Append(IEnumerable<IReadOnlyList<IDossierEvent>> histories)
    {
        foreach (var history in histories)
        {
            await using var session = Store.LightweightSession();
            session.Events.StartStream(history[0].Code.ToString(), history.Cast<object>().ToArray());
            await session.SaveChangesAsync();
        }
    }

    /// <summary>Runs the async daemon until every projection has caught up with the events appended so far, then stops it.</summary>
    public async Task CatchUp()
    {
        using var daemon = await Store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        try
        {
            await daemon.WaitForNonStaleData(CatchUpTimeout);
        }
        finally
        {
            await daemon.StopAllAsync();
        }
    }

    public async Task<StatisticsTallies> Tallies(ReportPeriod period, DateTimeOffset now, string? unit = null)
    {
        await using var session = Store.QuerySession();
        return await new StatisticsReader(session).Tallies(period, unit, now, CancellationToken.None);
    }

    public async Task<IReadOnlyList<DailyStatistics>> Daily(ReportPeriod period, string? unit = null)
    {
        await using var session = Store.QuerySession();
        return await new StatisticsReader(session).Daily(period, unit, null, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await dataSource.DisposeAsync();
    }
}
