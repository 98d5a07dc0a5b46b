using Dossier.Api.Catalogue;
using Dossier.Api.Notifications;
using Marten;

namespace Dossier.Api.Archive;

/// <summary>
/// The documents an archive carries besides the events: state that no projection can rebuild. The catalogue, because
/// every view and the statistics read the procedure version a dossier was filed under; notifications and the outbox,
/// because they were written beside reminder events and nothing writes them again. Read models are not archived:
/// the import rebuilds them. Idempotency records are not either: they only guard retries of a recent request.
/// </summary>
public static class ArchivedDocuments
{
    public sealed record Kind(string Name, Type DocumentType);

    public static readonly IReadOnlyList<Kind> All =
    [
        new("published-procedure", typeof(PublishedProcedure)),
        new("notification", typeof(Notification)),
        new("outbox-message", typeof(OutboxMessage)),
    ];

    public static Kind Named(string name) =>
        All.FirstOrDefault(k => k.Name == name) ?? throw new ArchiveException($"The archive holds documents of an unknown kind '{name}'.");

    public static string Table(IDocumentStore store, Kind kind) =>
        ((IReadOnlyStoreOptions)store.Options).FindOrResolveDocumentType(kind.DocumentType).TableName.QualifiedName;
}
