using System.Text.Json;
using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class DossierEventNamesTests
{
    private static readonly Type[] EventTypes = typeof(IDossierEvent).Assembly.GetTypes()
        .Where(t => typeof(IDossierEvent).IsAssignableFrom(t) && !t.IsInterface)
        .ToArray();

    [Fact]
    public void Every_event_has_a_stable_versioned_name()
    {
        Assert.Equal(17, EventTypes.Length);
        Assert.All(EventTypes, t => Assert.Matches("^[a-z-]+\\.v[0-9]+$", DossierEventNames.NameOf(t)));
        Assert.Equal(EventTypes.Length, DossierEventNames.ByName.Count);
    }

    [Fact]
    public void Names_map_back_to_their_types() =>
        Assert.All(EventTypes, t => Assert.Equal(t, DossierEventNames.TypeOf(DossierEventNames.NameOf(t))));

    [Fact]
    public void Events_are_sealed_records() =>
        Assert.All(EventTypes, t =>
        {
            Assert.True(t.IsSealed, t.Name);
            Assert.NotNull(t.GetMethod("<Clone>$"));
        });

    [Fact]
    public void Events_survive_a_json_round_trip()
    {
        IDossierEvent[] events =
        [
            .. Decided(),
            Returned(),
            new DossierRated(Code, Rating.Satisfied, "Tốt", new Dictionary<RatingCriterion, Rating> { [RatingCriterion.OnTime] = Rating.Satisfied }, Citizen, March(10, 10)),
        ];

        foreach (var e in events)
        {
            var json = JsonSerializer.Serialize(e, e.GetType());
            var back = (IDossierEvent)JsonSerializer.Deserialize(json, DossierEventNames.TypeOf(DossierEventNames.NameOf(e)))!;
            Assert.Equal(json, JsonSerializer.Serialize(back, back.GetType()));
        }

        var stateJson = JsonSerializer.Serialize(DossierState.From(events));
        Assert.Equal(DossierState.From(events), JsonSerializer.Deserialize<DossierState>(stateJson));
    }
}
