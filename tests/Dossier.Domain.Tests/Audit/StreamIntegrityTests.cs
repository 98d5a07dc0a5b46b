using System.Text.Json;
using Dossier.Domain.Audit;

namespace Dossier.Domain.Tests.Audit;

public class StreamIntegrityTests
{
    private const string Stream = "000.00.21.H08-261123-0001";

    [Fact]
    public void An_untouched_stream_is_valid_and_matches_its_checkpoint()
    {
        var stream = Sealed(4);

        var check = StreamIntegrity.Check(stream, Signed(checkpoint: 2, stream, version: 3));

        Assert.True(check.Valid, check.Reason);
        Assert.Equal(4, check.Events);
        Assert.Null(check.BrokenAtVersion);
        Assert.Equal(new CheckpointMatch(2, 3, Matches: true), check.Checkpoint);
    }

    [Fact]
    public void Changed_content_breaks_the_chain_at_that_version()
    {
        var stream = Sealed(4);
        stream[1] = (stream[1].Event with { Data = JsonElement.Parse("""{"changed":true}""") }, stream[1].StoredHash);

        var check = StreamIntegrity.Check(stream, null);

        Assert.False(check.Valid);
        Assert.Equal(2, check.BrokenAtVersion);
        Assert.Equal(1, check.Events);
    }

    [Fact]
    public void A_stream_rewritten_with_recomputed_hashes_is_caught_by_the_checkpoint()
    {
        var signed = Signed(checkpoint: 7, Sealed(4), version: 3);
        var rewritten = Sealed(4, data: """{"rewritten":true}""");

        var check = StreamIntegrity.Check(rewritten, signed);

        Assert.True(check.Chain.Valid);
        Assert.False(check.Valid);
        Assert.Equal(3, check.BrokenAtVersion);
        Assert.Equal(2, check.Events);
        Assert.Contains("self-consistent but does not match signed checkpoint 7", check.Reason, StringComparison.Ordinal);
        Assert.False(check.Checkpoint!.Matches);
    }

    [Fact]
    public void Events_cut_off_after_the_checkpointed_version_are_missing_from_the_first_one_cut()
    {
        var signed = Signed(checkpoint: 1, Sealed(5), version: 5);

        var check = StreamIntegrity.Check(Sealed(5).Take(3).ToList(), signed);

        Assert.False(check.Valid);
        Assert.Equal(4, check.BrokenAtVersion);
        Assert.Contains("versions 4 to 5 are missing", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpointed_stream_that_is_gone_is_broken_at_version_1()
    {
        var check = StreamIntegrity.Check([], Signed(checkpoint: 2, Sealed(2), version: 2));

        Assert.False(check.Valid);
        Assert.Equal(1, check.BrokenAtVersion);
        Assert.Contains("the stream is gone", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_break_before_the_checkpointed_version_is_reported_where_it_is()
    {
        var stream = Sealed(4);
        var signed = Signed(checkpoint: 1, stream, version: 4);
        stream.RemoveAt(1);

        var check = StreamIntegrity.Check(stream, signed);

        Assert.Equal(2, check.BrokenAtVersion);
        Assert.Contains("version 2 is missing", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_next_checkpoint_signs_the_end_of_a_chain_that_extends_the_signed_head()
    {
        var stream = Sealed(5);
        var signed = Signed(checkpoint: 1, stream, version: 3);

        var head = StreamIntegrity.Check(stream, signed).HeadToSign(Stream, signed.Head);

        Assert.Equal(new StreamHead(Stream, 5, stream[4].StoredHash!), head);
    }

    [Fact]
    public void The_next_checkpoint_keeps_the_signed_head_of_a_rewritten_stream()
    {
        var signed = Signed(checkpoint: 1, Sealed(3), version: 3);
        var rewritten = Sealed(4, data: """{"rewritten":true}""");

        var head = StreamIntegrity.Check(rewritten, signed).HeadToSign(Stream, signed.Head);

        Assert.Same(signed.Head, head);
    }

    [Fact]
    public void The_next_checkpoint_signs_only_the_intact_part_of_a_new_stream()
    {
        var stream = Sealed(4);
        stream[2] = (stream[2].Event, "0000");

        var head = StreamIntegrity.Check(stream, null).HeadToSign(Stream, null);

        Assert.Equal(new StreamHead(Stream, 2, stream[1].StoredHash!), head);
    }

    [Fact]
    public void A_new_stream_broken_at_its_first_event_is_not_signed() =>
        Assert.Null(StreamIntegrity.Check([(Sealed(1)[0].Event, "0000")], null).HeadToSign(Stream, null));

    private static CheckpointedHead Signed(long checkpoint, List<(SealedEvent Event, string? StoredHash)> stream, long version) =>
        new(checkpoint, new StreamHead(Stream, version, stream[(int)version - 1].StoredHash!));

    private static List<(SealedEvent Event, string? StoredHash)> Sealed(int count, string data = """{"at":"2026-11-23T02:00:00Z"}""")
    {
        var events = new List<(SealedEvent, string?)>();
        string? previous = null;
        for (var version = 1; version <= count; version++)
        {
            var e = new SealedEvent(Stream, version, "dossier-assigned.v1", JsonElement.Parse(data), "officer-1", "officer", "000.00.21.H08", "c", "d");
            previous = EventSeal.Hash(previous, e);
            events.Add((e, previous));
        }

        return events;
    }
}
