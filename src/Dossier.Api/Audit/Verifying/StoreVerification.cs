using Dossier.Api.Audit.Checkpoints;
using Dossier.Api.Audit.Signing;
using Dossier.Domain.Audit;
using Npgsql;

namespace Dossier.Api.Audit.Verifying;

/// <summary>A stream whose history does not hold, from the version where it stops holding.</summary>
public sealed record BrokenStream(string Stream, long? Version, string Reason);

/// <param name="Latest">The checkpoint the streams were checked against, if there is one.</param>
/// <param name="CheckpointProblems">What does not hold about the checkpoints themselves: signatures, their chain, the latest root.</param>
public sealed record VerificationReport(
    long Streams,
    long Events,
    long Checkpoints,
    StoredCheckpoint? Latest,
    IReadOnlyList<string> CheckpointProblems,
    IReadOnlyList<BrokenStream> Broken)
{
    public bool Holds => CheckpointProblems.Count == 0 && Broken.Count == 0;
}

/// <summary>
/// Verifies the whole store: every checkpoint's signature and its link to the one before, the latest checkpoint's
/// root recomputed from its head set, and every stream's chain recomputed from one ordered query over the event
/// table and checked against the latest checkpoint's head for it. The latest head set is held in memory while the
/// events stream past (a few hundred bytes a stream).
/// </summary>
public static class StoreVerification
{
    /// <param name="onStream">Told after each stream how many streams and events are done.</param>
    public static async Task<VerificationReport> Run(NpgsqlDataSource dataSource, AuditKeys keys, Action<long, long> onStream, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(onStream);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var problems = new List<string>();
        var (count, latest) = await CheckChain(connection, keys, problems, ct);
        var signedHeads = latest is null
            ? new Dictionary<string, StreamHead>(StringComparer.Ordinal)
            : await HeadsOf(connection, latest.Statement, problems, ct);

        var broken = new List<BrokenStream>();
        long streams = 0, events = 0;
        await foreach (var (stream, stored) in StoredEvents.AllStreams(connection, ct))
        {
            signedHeads.Remove(stream, out var signed);
            var check = StreamIntegrity.Check(
                stored.Select(e => (e.Content, e.StoredHash)).ToList(),
                signed is null ? null : new CheckpointedHead(latest!.Statement.Sequence, signed));
            if (!check.Valid)
            {
                broken.Add(new BrokenStream(stream, check.BrokenAtVersion, check.Reason!));
            }

            streams++;
            events += stored.Count;
            onStream(streams, events);
        }

        foreach (var gone in signedHeads.Values)
        {
            var check = StreamIntegrity.Check([], new CheckpointedHead(latest!.Statement.Sequence, gone));
            broken.Add(new BrokenStream(gone.Stream, check.BrokenAtVersion, check.Reason!));
        }

        broken.Sort((a, b) => string.CompareOrdinal(a.Stream, b.Stream));
        return new VerificationReport(streams, events, count, latest, problems, broken);
    }

    /// <summary>Each checkpoint must be signed by a trusted key, follow the one before without a gap and name its statement's hash.</summary>
    private static async Task<(long Count, StoredCheckpoint? Latest)> CheckChain(
        NpgsqlConnection connection, AuditKeys keys, List<string> problems, CancellationToken ct)
    {
        StoredCheckpoint? before = null;
        var count = 0L;
        await foreach (var checkpoint in CheckpointStore.All(connection, newestFirst: false, ct))
        {
            count++;
            var statement = checkpoint.Statement;
            if (keys.SignatureProblem(statement, checkpoint.Signature) is { } problem)
            {
                problems.Add($"checkpoint {statement.Sequence}: {problem}");
            }

            var expected = (before?.Statement.Sequence ?? 0) + 1;
            if (statement.Sequence != expected)
            {
                problems.Add(statement.Sequence - 1 == expected
                    ? $"checkpoint {statement.Sequence}: checkpoint {expected} is missing"
                    : $"checkpoint {statement.Sequence}: checkpoints {expected} to {statement.Sequence - 1} are missing");
            }
            else if (statement.Previous != before?.Statement.Hash())
            {
                problems.Add($"checkpoint {statement.Sequence}: it names {statement.Previous ?? "no statement"} as its previous, "
                    + $"but checkpoint {expected - 1} hashes to {before?.Statement.Hash()}");
            }

            before = checkpoint;
        }

        return (count, before);
    }

    /// <summary>The latest checkpoint's heads by stream, after recomputing its root from them.</summary>
    private static async Task<Dictionary<string, StreamHead>> HeadsOf(
        NpgsqlConnection connection, CheckpointStatement statement, List<string> problems, CancellationToken ct)
    {
        var heads = new Dictionary<string, StreamHead>(StringComparer.Ordinal);
        var root = new MerkleRoot();
        await foreach (var head in CheckpointStore.HeadsOf(connection, statement.Sequence, ct))
        {
            root.Add(head);
            heads[head.Stream] = head;
        }

        if (root.Value() != statement.Root)
        {
            problems.Add($"checkpoint {statement.Sequence}: its {root.Streams} stored heads give the root {root.Value()}, not the signed root {statement.Root}");
        }

        return heads;
    }
}
