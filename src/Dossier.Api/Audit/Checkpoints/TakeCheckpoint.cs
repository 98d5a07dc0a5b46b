using Dossier.Api.Audit.Signing;
using Dossier.Api.Problems;
using Dossier.Domain.Audit;
using Mediator;
using Npgsql;

namespace Dossier.Api.Audit.Checkpoints;

public sealed record TakeCheckpoint : IRequest<StoredCheckpoint>;

/// <summary>
/// Signs the Merkle root of every stream's head. Only streams whose stored head differs from the one signed before
/// are read and their chains recomputed; a stream gets a new head only where its intact chain extends the head
/// signed before, so a stream altered since is never signed over and stays reported against its old head. Before
/// building on the previous checkpoint it proves that checkpoint still holds (signature and root), or refuses.
/// </summary>
public sealed class TakeCheckpointHandler(NpgsqlDataSource dataSource, AuditKeys keys, TimeProvider clock, ILogger<TakeCheckpointHandler> logger)
    : IRequestHandler<TakeCheckpoint, StoredCheckpoint>
{
    /// <summary>Streams whose events one query reads at a time.</summary>
    private const int StreamsPerRead = 1000;

    public async ValueTask<StoredCheckpoint> Handle(TakeCheckpoint request, CancellationToken cancellationToken)
    {
        var signer = keys.Signer ?? throw new InvalidOperationException(AuditKeys.NoSigningKey);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await CheckpointStore.LockForTaking(connection, cancellationToken);

        var previous = await CheckpointStore.Latest(connection, cancellationToken);
        var previousSequence = previous?.Statement.Sequence ?? 0;
        if (previous is not null && keys.SignatureProblem(previous.Statement, previous.Signature) is { } problem)
        {
            throw Refused(previous, problem);
        }

        var changed = await CheckpointStore.ChangedSince(connection, previousSequence, cancellationToken);
        var decided = await Decide(connection, previousSequence, changed, cancellationToken);
        var (signedRoot, root) = await Roots(connection, previousSequence, decided, cancellationToken);
        if (previous is not null && signedRoot.Value() != previous.Statement.Root)
        {
            throw Refused(previous, $"its stored heads give the root {signedRoot.Value()}, not the signed root {previous.Statement.Root}");
        }

        var statement = CheckpointStatement.Next(previous?.Statement, clock.GetUtcNow(), root, signer.Id);
        var checkpoint = new StoredCheckpoint(statement, signer.Sign(statement));
        var newHeads = decided.Where(d => d.Head != d.Signed).Select(d => d.Head).ToList();
        await CheckpointStore.Save(connection, checkpoint, newHeads, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation(
            "Audit checkpoint {Sequence} signed with key {KeyId}: {Streams} streams, {Events} events, root {Root}; {Changed} heads new since the previous checkpoint",
            statement.Sequence, statement.KeyId, statement.Streams, statement.Events, statement.Root, newHeads.Count);
        return checkpoint;
    }

    /// <summary>The head each changed stream gets, in ordinal order of stream key; streams with nothing intact to sign are left out.</summary>
    private async Task<List<(StreamHead Head, StreamHead? Signed)>> Decide(
        NpgsqlConnection connection, long previous, IReadOnlyList<ChangedStream> changed, CancellationToken ct)
    {
        var decided = new List<(StreamHead Head, StreamHead? Signed)>(changed.Count);
        foreach (var batch in changed.Chunk(StreamsPerRead))
        {
            var events = new Dictionary<string, IReadOnlyList<StoredEvent>>(StringComparer.Ordinal);
            await foreach (var (stream, stored) in StoredEvents.OfStreams(connection, batch.Select(c => c.Stream).ToList(), ct))
            {
                events[stream] = stored;
            }

            foreach (var (stream, signed) in batch)
            {
                var stored = events.GetValueOrDefault(stream) ?? [];
                var check = StreamIntegrity.Check(stored.Select(e => (e.Content, e.StoredHash)).ToList(), signed is null ? null : new CheckpointedHead(previous, signed));
                if (!check.Valid)
                {
                    logger.LogWarning("Audit checkpoint: stream {Stream} is broken at version {Version}: {Reason}", stream, check.BrokenAtVersion, check.Reason);
                }

                if (check.HeadToSign(stream, signed) is { } head)
                {
                    decided.Add((head, signed));
                }
            }
        }

        decided.Sort((a, b) => string.CompareOrdinal(a.Head.Stream, b.Head.Stream));
        return decided;
    }

    /// <summary>
    /// The root of the heads signed before, and of the new full set: those heads with the decided ones merged in, both
    /// in ordinal order of stream key.
    /// </summary>
    private static async Task<(MerkleRoot Signed, MerkleRoot Next)> Roots(
        NpgsqlConnection connection, long previous, List<(StreamHead Head, StreamHead? Signed)> decided, CancellationToken ct)
    {
        var signedRoot = new MerkleRoot();
        var root = new MerkleRoot();
        var next = 0;
        await foreach (var signed in CheckpointStore.HeadsOf(connection, previous, ct))
        {
            signedRoot.Add(signed);
            for (; next < decided.Count && string.CompareOrdinal(decided[next].Head.Stream, signed.Stream) < 0; next++)
            {
                root.Add(decided[next].Head);
            }

            root.Add(next < decided.Count && decided[next].Head.Stream == signed.Stream ? decided[next++].Head : signed);
        }

        for (; next < decided.Count; next++)
        {
            root.Add(decided[next].Head);
        }

        return (signedRoot, root);
    }

    private static ProblemException Refused(StoredCheckpoint previous, string problem) =>
        ProblemException.Conflict(
            "checkpoint-chain-broken",
            "The previous checkpoint does not hold.",
            $"Checkpoint {previous.Statement.Sequence} cannot be built on: {problem}. Run the verify command to see what else was altered.");
}
