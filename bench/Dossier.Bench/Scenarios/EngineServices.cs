using Dossier.Api.Hosting;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dossier.Bench.Scenarios;

/// <summary>
/// The API's own service registrations (AddDossierEngine, hence StoreSetup.Configure: the identical Marten store) in
/// the benchmark process, without a web host: nothing hosted starts, so neither Quartz nor the async daemon runs here.
/// </summary>
public static class EngineServices
{
    public static async Task<ServiceProvider> Build(string connectionString, Action<IServiceCollection>? configure = null)
    {
        var provider = Provider(connectionString, configure);
        // the API process applied the schema and seeded the catalogue; make sure, without timing it
        await provider.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return provider;
    }

    /// <summary>The services alone, the schema untouched; <paramref name="configure"/> adds to the registrations.</summary>
    public static ServiceProvider Provider(string connectionString, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Dossier"] = connectionString,
                ["Catalogue:LoadDemo"] = "false",
            })
            .Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging();
        collection.AddDossierEngine(configuration);
        configure?.Invoke(collection);
        return collection.BuildServiceProvider();
    }
}
