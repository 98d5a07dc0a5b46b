using System.Collections.Concurrent;
using Dossier.Domain.Procedures;
using Marten;

namespace Dossier.Api.Catalogue;

/// <summary>
/// Reads published procedures. A published version never changes, so versions are cached for the
/// life of the process; "current" is asked of the database because another node may have published.
/// </summary>
public sealed class ProcedureCatalogue(IDocumentStore store, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, PublishedProcedure> versions = new();

    public async Task<PublishedProcedure?> Current(string code, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var now = clock.GetUtcNow();
        var current = await session.Query<PublishedProcedure>()
            .Where(p => p.Code == code && p.EffectiveFrom <= now)
            .OrderByDescending(p => p.Version)
            .FirstOrDefaultAsync(ct);
        if (current is not null)
        {
            versions.TryAdd(current.Id, current);
        }

        return current;
    }

    /// <summary>The newest version, also one not yet in effect.</summary>
    public async Task<PublishedProcedure?> Latest(string code, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<PublishedProcedure>().Where(p => p.Code == code).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<PublishedProcedure>> Versions(string code, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<PublishedProcedure>().Where(p => p.Code == code).OrderBy(p => p.Version).ToListAsync(ct);
    }

    public async Task<PublishedProcedure?> Find(string code, int version, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<PublishedProcedure>(PublishedProcedure.IdOf(code, version), ct);
    }

    public async Task<PublishedProcedure> Version(string code, int version, CancellationToken ct)
    {
        var id = PublishedProcedure.IdOf(code, version);
        if (versions.TryGetValue(id, out var cached))
        {
            return cached;
        }

        await using var session = store.QuerySession();
        var loaded = await session.LoadAsync<PublishedProcedure>(id, ct)
            ?? throw new InvalidOperationException($"Procedure {id} is referenced by a dossier but is not in the catalogue.");
        versions.TryAdd(id, loaded);
        return loaded;
    }

    public async Task<Procedure> Procedure(string code, int version, CancellationToken ct) =>
        (await Version(code, version, ct)).ToProcedure();

    public async Task<IReadOnlyList<PublishedProcedure>> AllCurrent(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var now = clock.GetUtcNow();
        var effective = await session.Query<PublishedProcedure>().Where(p => p.EffectiveFrom <= now).ToListAsync(ct);
        return effective.GroupBy(p => p.Code)
            .Select(g => g.MaxBy(p => p.Version)!)
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .ToList();
    }
}
