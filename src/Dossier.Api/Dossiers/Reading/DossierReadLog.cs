using Dossier.Api.Auth;
using Dossier.Domain.Access;
using Marten;
using Marten.Pagination;

namespace Dossier.Api.Dossiers.Reading;

/// <summary>One read of a dossier by a member of staff or an auditor.</summary>
public sealed record DossierRead
{
    public required Guid Id { get; init; }

    public required string DossierCode { get; init; }

    public required string PersonId { get; init; }

    public required Role Role { get; init; }

    public string? Agency { get; init; }

    /// <summary>What was read: <see cref="DossierReadLog.Kinds"/>.</summary>
    public required string What { get; init; }

    public required DateTimeOffset At { get; init; }
}

public sealed record DossierReadView(string PersonId, string Role, string? Agency, string What, DateTimeOffset At);

public sealed record DossierReadPage(IReadOnlyList<DossierReadView> Items, long Total, int Page, int PageSize);

/// <summary>
/// Who read which dossier, when (issue #6): written before the answer leaves, so a read that was served was
/// recorded. Citizens reading their own dossier and the public look-up are not staff access and are not recorded.
/// </summary>
public sealed class DossierReadLog(IDocumentStore store, TimeProvider clock)
{
    public static class Kinds
    {
        public const string View = "view";
        public const string History = "history";
        public const string State = "state";
        public const string Integrity = "integrity";
    }

    public static void Configure(StoreOptions options) =>
        options.Schema.For<DossierRead>().Index(r => r.DossierCode).Index(r => r.At);

    public async Task Record(Actor reader, string code, string what, CancellationToken cancellationToken)
    {
        if (reader.Role is Role.Citizen)
        {
            return;
        }

        await using var session = store.LightweightSession();
        session.Insert(new DossierRead
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            DossierCode = code,
            PersonId = reader.PersonId,
            Role = reader.Role,
            Agency = reader.Agency,
            What = what,
            At = clock.GetUtcNow(),
        });
        await session.SaveChangesAsync(cancellationToken);
    }

    public async Task<DossierReadPage> Of(string code, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var rows = await session.Query<DossierRead>()
            .Where(r => r.DossierCode == code)
            .OrderByDescending(r => r.At)
            .ThenByDescending(r => r.Id)
            .ToPagedListAsync(page, pageSize, cancellationToken);
        return new DossierReadPage(
            rows.Select(r => new DossierReadView(r.PersonId, r.Role.Wire(), r.Agency, r.What, r.At)).ToList(),
            rows.TotalItemCount, page, pageSize);
    }
}
