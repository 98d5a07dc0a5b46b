using Marten;

namespace Dossier.Api.Dossiers.Filing;

/// <summary>Remembers which dossier an Idempotency-Key of one caller created, and for which request body.</summary>
public sealed record IdempotentSubmission(string Id, string RequestHash, string DossierCode, DateTimeOffset At)
{
    public static string IdOf(string personId, string key) => $"{personId}|{key}";

    public static void Configure(StoreOptions options) => options.Schema.For<IdempotentSubmission>().Identity(s => s.Id);
}
