using Dossier.Workflows.Definitions;
using Marten;

namespace Dossier.Api.Catalogue;

/// <summary>
/// Publishes the shipped procedures as version 1 when <c>Catalogue:LoadDemo</c> is on and the
/// code is not in the catalogue yet; it never overwrites what an administrator published.
/// </summary>
public sealed class CatalogueSeeder(IDocumentStore store, TimeProvider clock, IConfiguration configuration, ILogger<CatalogueSeeder> logger)
    : IHostedService
{
    public const string Setting = "Catalogue:LoadDemo";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>(Setting))
        {
            return;
        }

        await using var session = store.LightweightSession();
        var known = (await session.Query<PublishedProcedure>().Select(p => p.Code).ToListAsync(cancellationToken)).ToHashSet();
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var definition in ShippedCatalogue.Procedures().Where(d => !known.Contains(d.Code)))
        {
            session.Insert(new PublishedProcedure(
                PublishedProcedure.IdOf(definition.Code, 1), definition.Code, 1, now, DateTimeOffset.MinValue, "catalogue-seed", definition));
            added++;
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (Hosting.StoreErrors.IsDuplicateDocument(e))
        {
            logger.LogInformation("Catalogue: another node published the shipped procedures first");
            return;
        }

        logger.LogInformation("Catalogue: {Added} shipped procedures published, {Known} already present", added, known.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
