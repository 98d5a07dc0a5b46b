using Dossier.Api.Tests.Fixtures;
using Marten;
using Marten.Events;
using Dossier.Tests.Shared;
using Microsoft.AspNetCore.Hosting;

namespace Dossier.Api.Tests.Statistics;

/// <summary>
/// The API host on a database of its own, so that the statistics count only what a test put there, with the async
/// daemon in the given mode. Several factories on one database play the same host restarted.
/// </summary>
public sealed class StatisticsFactory(string connectionString, string daemonMode = "Solo") : ApiFactory
{
    public static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(60);

    public string ConnectionString => connectionString;

    /// <summary>A new, empty database in the test cluster.</summary>
    public static string CreateDatabase() => TestDatabase.CreateDatabase("statistics api");

    /// <summary>Waits, without sleeping, until the async daemon has projected every event appended so far.</summary>
    public Task CatchUp() => Store.WaitForNonStaleProjectionDataAsync(CatchUpTimeout);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Dossier", connectionString);
        builder.UseSetting("Projections:DaemonMode", daemonMode);
    }
}
