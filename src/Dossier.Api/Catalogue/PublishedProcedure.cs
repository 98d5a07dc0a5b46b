using Dossier.Domain.Procedures;
using Dossier.Workflows.Definitions;
using Marten;

namespace Dossier.Api.Catalogue;

/// <summary>One published, immutable version of a procedure definition.</summary>
public sealed record PublishedProcedure(
    string Id,
    string Code,
    int Version,
    DateTimeOffset PublishedAt,
    DateTimeOffset EffectiveFrom,
    string PublishedBy,
    ProcedureDefinition Definition)
{
    public static string IdOf(string code, int version) => $"{code}@{version}";

    public Procedure ToProcedure() => Definition.ToProcedure(Version);

    public static void Configure(StoreOptions options) =>
        options.Schema.For<PublishedProcedure>()
            .Identity(p => p.Id)
            .Index(p => p.Code)
            .UniqueIndex(p => p.Code, p => p.Version);
}
