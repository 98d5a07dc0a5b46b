using Dossier.Api.Audit;
using Dossier.Api.Tests.Fixtures;
using Dossier.Domain.Audit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Audit;

[Collection(ApiCollection.Name)]
public sealed class HashChainTests(ApiFactory factory)
{
    private const string District = "000.00.21.H08";
    private readonly ApiClient api = new(factory);

    [Fact]
    public async Task events_appended_through_the_api_read_back_from_postgresql_as_an_intact_chain()
    {
        var citizen = await api.Citizen("079201000911");
        var reception = await api.Staff("chain-reception", "reception", District);
        var dossier = await api.Submit(citizen, "1.009995");
        dossier = await api.Act(reception, dossier, "receive");
        dossier = await api.Act(reception, dossier, "assign", new { assignee = "chain-officer" });

        var stored = await StoredEvents.OfStream(factory.Services.GetRequiredService<NpgsqlDataSource>(), Code(dossier), CancellationToken.None);
        var check = EventSeal.Verify(stored.Select(e => (e.Content, e.StoredHash)));

        Assert.True(check.Valid, check.Reason);
        Assert.Equal(Version(dossier), check.Events);
        Assert.Equal("chain-reception", stored[^1].Content.Actor);
        Assert.Equal("reception", stored[^1].Content.Role);
    }
}
