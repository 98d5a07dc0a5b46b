using System.Text.Json;
using Dossier.Domain.Audit;

namespace Dossier.Domain.Tests.Audit;

public class EventSealTests
{
    private const string Stream = "000.00.21.H08-261123-0001";

    /// <summary>
    /// Expected values computed outside .NET by the reference in docs/audit.md, so that a change of the hashed form (a
    /// runtime that escapes strings differently, say) shows here before it makes every stored chain look broken.
    /// </summary>
    [Fact]
    public void The_hash_of_an_event_is_the_documented_one()
    {
        var filed = new SealedEvent(Stream, 1, "dossier-filed.v1",
            JsonElement.Parse("""{"summary":"Hồ sơ <gấp> & \"khẩn\" + 😀","amount":1.50,"by":{"role":"Citizen","agency":null},"ok":true,"items":[2,"a\nb"]}"""),
            "079201000911", "citizen", null, "corr-1", "cause-1");
        var received = new SealedEvent(Stream, 2, "dossier-received.v1", JsonElement.Parse("""{"at":"2026-11-23T02:00:00Z"}"""),
            "le-thi-b", "reception", "000.00.21.H08", "corr-1", "cause-2");

        Assert.Equal("eeaa5cb95f549e3f0f0b26a0570ab8928e17e490263e0c97046b53e1dcaef51e", EventSeal.Hash(null, filed));
        Assert.Equal("f8d8c785deb025c3499512697bde79c0c7ee8ecaf2c762928aa6b603924e1022", EventSeal.Hash(string.Concat(Enumerable.Repeat("ab", 32)), received));
    }

    [Fact]
    public void Member_order_spacing_and_number_spelling_do_not_change_the_hash()
    {
        var written = new SealedEvent(Stream, 1, "t", JsonElement.Parse("""{"b":1E+3,"a":[1.50, true]}"""), null, null, null, null, null);
        var readBack = written with { Data = JsonElement.Parse("""{"a": [1.50, true], "b": 1000}""") };

        Assert.Equal(EventSeal.Hash(null, written), EventSeal.Hash(null, readBack));
    }

    [Fact]
    public void A_stream_verifies_until_its_first_altered_event()
    {
        var first = new SealedEvent(Stream, 1, "t", JsonElement.Parse("{}"), "a", null, null, null, null);
        var second = first with { Version = 2 };
        var h1 = EventSeal.Hash(null, first);
        var h2 = EventSeal.Hash(h1, second);

        Assert.True(EventSeal.Verify([(first, h1), (second, h2)]).Valid);
        var altered = EventSeal.Verify([(first, h1), (second with { Actor = "b" }, h2)]);
        Assert.Equal((false, 2L, 1L, h1), (altered.Valid, altered.BrokenAtVersion, altered.Events, altered.Head));
    }
}
