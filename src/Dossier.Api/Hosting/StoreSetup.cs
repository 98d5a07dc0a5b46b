using Dossier.Api.Audit.Checkpoints;
using Dossier.Api.Catalogue;
using Dossier.Api.Dossiers.Filing;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Dossiers;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Weasel.Core;

namespace Dossier.Api.Hosting;

public static class StoreSetup
{
    public const string ConnectionName = "Dossier";
    public const string Schema = "dossier";

    public static IServiceCollection AddDossierStore(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"No connection string: set ConnectionStrings:{ConnectionName} (./dossier up does it for the local cluster).");

        var dataSource = DataSource(connectionString);
        services.AddSingleton(dataSource);
        services.AddMarten(options => Configure(options, dataSource))
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(Statistics.StatisticsSetup.DaemonModeFrom(configuration));
        return services;
    }

    /// <summary>
    /// Pooled connections are handed out again without <c>DISCARD ALL</c>: nothing here leaves session state on a
    /// connection, and the reset dropped PostgreSQL's cached plans on every command (ADR 0020). A statement run five
    /// times on a connection is prepared there and kept (at most 64 per connection), so PostgreSQL no longer parses and
    /// plans each statement of every batch: about half of its CPU per recorded reminder (ADR 0023).
    /// </summary>
    private static NpgsqlDataSource DataSource(string connectionString) =>
        new NpgsqlDataSourceBuilder(
            new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 64 }.ConnectionString).Build();

    public static void Configure(StoreOptions options, NpgsqlDataSource dataSource)
    {
        options.Connection(dataSource);
        // A session keeps one connection from its first read to its commit: one pool check-out per command (ADR 0020).
        options.UseStickyConnectionLifetimes = true;
        // A restart of an unchanged configuration reads one stamp instead of comparing every table and function
        // with the database, about half of a restart's CPU (ADR 0020).
        options.Advanced.Migrator.UseSchemaFingerprinting = true;
        options.DatabaseSchemaName = Schema;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.AppendMode = EventAppendMode.Quick;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        foreach (var (type, name) in DossierEventNames.ByType)
        {
            options.Events.MapEventType(type, name);
        }

        options.Projections.Add<DossierSummaryProjection>(ProjectionLifecycle.Inline);

        PublishedProcedure.Configure(options);
        IdempotentSubmission.Configure(options);
        Dossiers.Reading.DossierReadLog.Configure(options);
        Notifications.Notification.Configure(options);
        Notifications.OutboxMessage.Configure(options);
        options.Storage.ExtendedSchemaObjects.Add(DossierCodeSequence.Table(Schema));
        options.Storage.ExtendedSchemaObjects.Add(Clock.SharedDevelopmentClock.Table(Schema));
        options.Storage.ExtendedSchemaObjects.AddRange(CheckpointStore.Tables());
        options.Storage.ExtendedSchemaObjects.Add(Sla.SweepRecord.Table());
    }
}
