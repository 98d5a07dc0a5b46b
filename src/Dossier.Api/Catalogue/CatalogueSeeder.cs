using Dossier.Workflows.Definitions;
using Dossier.Workflows.Validation;
using Marten;

namespace Dossier.Api.Catalogue;

/// <summary>
/// Publishes the shipped procedures as version 1 when <c>Catalogue:LoadDemo</c> is on and the
/// code is not in the catalogue yet; it never overwrites what an administrator published. A shipped
/// definition that fails validation stops the host at start-up, naming the field.
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

        var shipped = ShippedCatalogue.Procedures();
        var errors = DefinitionValidator.ValidateCatalogue(shipped, ShippedCatalogue.Agencies());
        if (errors.Count > 0)
        {
            throw new DefinitionException(errors);
        }

        await using var session = store.LightweightSession();
        var known = (await session.Query<PublishedProcedure>().Select(p => p.Code).ToListAsync(cancellationToken)).ToHashSet();
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var definition in shipped.Where(d => !known.Contains(d.Code)))
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
