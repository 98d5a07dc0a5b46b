namespace Dossier.Domain.Audit;

/// <summary>The head a signed checkpoint holds for one stream.</summary>
public sealed record CheckpointedHead(long Checkpoint, StreamHead Head);

/// <param name="Matches">Whether the stream's event at <paramref name="Version"/> carries the hash the checkpoint signed.</param>
public sealed record CheckpointMatch(long Sequence, long Version, bool Matches);

/// <summary>A stream's chain recomputed from its stored events, and checked against the head a signed checkpoint holds.</summary>
/// <param name="Events">How many events held before the first break (all of them when valid).</param>
/// <param name="Chain">The chain alone, as its own hashes tell it.</param>
public sealed record IntegrityCheck(bool Valid, long Events, long? BrokenAtVersion, string? Reason, CheckpointMatch? Checkpoint, ChainCheck Chain)
{
    /// <summary>
    /// The head the next checkpoint signs for this stream: the end of its intact chain when that chain contains the head
    /// signed before, else the head signed before, so a rewritten stream is never signed over and stays reported.
    /// </summary>
    public StreamHead? HeadToSign(string stream, StreamHead? signed)
    {
        var extendsSigned = signed is null || (Checkpoint is { Matches: true } && Chain.Events >= signed.Version);
        return extendsSigned && Chain.Events > 0 ? new StreamHead(stream, Chain.Events, Chain.Head!) : signed;
    }
}

public static class StreamIntegrity
{
    /// <param name="stream">The stream's stored events in version order, each with the hash it claims; empty when none are left.</param>
    /// <param name="signed">The head the latest signed checkpoint holds for the stream, if it holds one.</param>
    public static IntegrityCheck Check(IReadOnlyList<(SealedEvent Event, string? StoredHash)> stream, CheckpointedHead? signed)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var chain = EventSeal.Verify(stream);
        if (signed is null)
        {
            return new IntegrityCheck(chain.Valid, chain.Events, chain.BrokenAtVersion, chain.Reason, null, chain);
        }

        var (sequence, head) = (signed.Checkpoint, signed.Head);
        var carried = stream.Where(e => e.Event.Version == head.Version).Select(e => e.StoredHash).FirstOrDefault();
        var match = new CheckpointMatch(sequence, head.Version, string.Equals(carried, head.Hash, StringComparison.Ordinal));

        if (chain.BrokenAtVersion <= head.Version)
        {
            return new IntegrityCheck(false, chain.Events, chain.BrokenAtVersion, chain.Reason, match, chain);
        }

        if (chain.Events < head.Version)
        {
            var firstMissing = chain.Events + 1;
            var reason = chain.Events == 0
                ? $"the stream is gone: signed checkpoint {sequence} holds it at version {head.Version}"
                : firstMissing == head.Version
                    ? $"version {head.Version} is missing: signed checkpoint {sequence} holds the stream at version {head.Version}"
                    : $"versions {firstMissing} to {head.Version} are missing: signed checkpoint {sequence} holds the stream at version {head.Version}";
            return new IntegrityCheck(false, chain.Events, firstMissing, reason, match, chain);
        }

        if (!match.Matches)
        {
            return new IntegrityCheck(false, head.Version - 1, head.Version,
                $"the chain up to version {head.Version} is self-consistent but does not match signed checkpoint {sequence}: "
                + $"version {head.Version} hashes to {carried}, the checkpoint signed {head.Hash}",
                match, chain);
        }

        return new IntegrityCheck(chain.Valid, chain.Events, chain.BrokenAtVersion, chain.Reason, match, chain);
    }
}
