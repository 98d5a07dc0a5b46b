using Dossier.Api.Hosting;
using Dossier.Api.Problems;
using Dossier.Domain.Access;
using Dossier.Workflows.Definitions;
using Dossier.Workflows.Validation;
using Marten;
using Mediator;

namespace Dossier.Api.Catalogue.Publishing;

/// <param name="Json">The definition as sent, parsed here so every error can name its field.</param>
/// <param name="IfMatch">The version the administrator edited; a newer one published meanwhile is a 412.</param>
public sealed record PublishProcedure(string Code, string Json, DateTimeOffset? EffectiveFrom, int? IfMatch, Actor Caller)
    : IRequest<PublishedProcedure>;

/// <summary>
/// Publishes a new version. Earlier versions stay as they are: dossiers filed under them keep running
/// under them, and they stay readable.
/// </summary>
public sealed class PublishProcedureHandler(IDocumentStore store, ProcedureCatalogue catalogue, TimeProvider clock)
    : IRequestHandler<PublishProcedure, PublishedProcedure>
{
    public async ValueTask<PublishedProcedure> Handle(PublishProcedure request, CancellationToken cancellationToken)
    {
        var parsed = DefinitionValidator.Parse(request.Json);
        var errors = parsed.Errors.ToList();
        if (parsed.Definition is { } parsedDefinition)
        {
            if (parsedDefinition.Code != request.Code)
            {
                errors.Add(new DefinitionError("code", $"The definition's code {parsedDefinition.Code} differs from {request.Code} in the address."));
            }

            errors.AddRange(DefinitionValidator.Validate(parsedDefinition, ShippedCatalogue.Agencies().Select(a => a.Id).ToHashSet()));
        }

        if (errors.Count > 0 || parsed.Definition is not { } definition)
        {
            throw ProblemException.Validation(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }

        var now = clock.GetUtcNow();
        var effectiveFrom = request.EffectiveFrom ?? now;
        if (effectiveFrom < now.AddMinutes(-5))
        {
            throw ProblemException.Validation("effectiveFrom", "A new version cannot take effect in the past.");
        }

        var current = await catalogue.Latest(request.Code, cancellationToken);
        var latestVersion = current?.Version ?? 0;
        if (request.IfMatch is { } expected && expected != latestVersion)
        {
            throw ProblemException.PreconditionFailed(latestVersion);
        }

        var version = latestVersion + 1;
        var published = new PublishedProcedure(
            PublishedProcedure.IdOf(request.Code, version), request.Code, version, now, effectiveFrom, request.Caller.PersonId, definition);
        await using var session = store.LightweightSession();
        session.Insert(published);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (StoreErrors.IsDuplicateDocument(e) || e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            throw ProblemException.PreconditionFailed(version);
        }

        return published;
    }
}
