using Dossier.Api.Audit.Signing;
using Dossier.Api.Problems;
using Dossier.Domain.Audit;
using Mediator;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dossier.Api.Audit.Checkpoints;

public sealed record TakeCheckpoint : IRequest<StoredCheckpoint>;

/// <summary>
/// Signs the Merkle root of every stream's head. Only streams whose stored head differs from the one signed before
/// are read and their chains recomputed; a stream gets a new head only where its intact chain extends the head
/// signed before, so a stream altered since is never signed over and stays reported against its old head. Before
/// building on the previous checkpoint it proves that checkpoint still holds (signature and root), or refuses.
/// </summary>
public sealed class TakeCheckpointHandler(
    NpgsqlDataSource dataSource, AuditKeys keys, IOptions<AuditOptions> options, TimeProvider clock, ILogger<TakeCheckpointHandler> logger)
    : IRequestHandler<TakeCheckpoint, StoredCheckpoint>
{
    private readonly int pageSize = Math.Max(1, options.Value.CheckpointPageSize);

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
        var roots = new Roots(await CheckpointStore.HeadsOfCursor(connection, previousSequence, cancellationToken), pageSize);
        await CheckpointStore.BeginNewHeads(connection, cancellationToken);
        long newHeads = 0;
        for (var page = await changed.Next(pageSize, cancellationToken); page.Count > 0; page = await changed.Next(pageSize, cancellationToken))
        {
            var decided = await Decide(connection, previousSequence, page, cancellationToken);
            foreach (var (head, _) in decided)
            {
                await roots.Add(head, cancellationToken);
            }

            var fresh = decided.Where(d => d.Head != d.Signed).Select(d => d.Head).ToList();
            await CheckpointStore.AddNewHeads(connection, fresh, cancellationToken);
            newHeads += fresh.Count;
        }

        await roots.Complete(cancellationToken);
        if (previous is not null && roots.Signed.Value() != previous.Statement.Root)
        {
            throw Refused(previous, $"its stored heads give the root {roots.Signed.Value()}, not the signed root {previous.Statement.Root}");
        }

        var statement = CheckpointStatement.Next(previous?.Statement, clock.GetUtcNow(), roots.Next, signer.Id);
        var checkpoint = new StoredCheckpoint(statement, signer.Sign(statement));
        await CheckpointStore.Save(connection, checkpoint, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation(
            "Audit checkpoint {Sequence} signed with key {KeyId}: {Streams} streams, {Events} events, root {Root}; {Changed} heads new since the previous checkpoint",
            statement.Sequence, statement.KeyId, statement.Streams, statement.Events, statement.Root, newHeads);
        return checkpoint;
    }

    /// <summary>
    /// The head each changed stream of a page gets, in the page's order (ordinal order of stream key); streams with
    /// nothing intact to sign are left out.
    /// </summary>
    private async Task<List<(StreamHead Head, StreamHead? Signed)>> Decide(
        NpgsqlConnection connection, long previous, IReadOnlyList<ChangedStream> changed, CancellationToken ct)
    {
        var events = new Dictionary<string, IReadOnlyList<StoredEvent>>(StringComparer.Ordinal);
        await foreach (var (stream, stored) in StoredEvents.OfStreams(connection, changed.Select(c => c.Stream).ToList(), ct))
        {
            events[stream] = stored;
        }

        var decided = new List<(StreamHead Head, StreamHead? Signed)>(changed.Count);
        foreach (var (stream, signed) in changed)
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

        return decided;
    }

    /// <summary>
    /// The root of the heads signed before, and of the new full set: those heads with the decided ones merged in. The
    /// decided heads arrive a page at a time and the signed ones from a cursor, both in ordinal order of stream key, so
    /// neither set is ever held whole.
    /// </summary>
    private sealed class Roots(ServerCursor<StreamHead> signedHeads, int headsPerRead)
    {
        private readonly Queue<StreamHead> read = new();
        private bool allRead;

        public MerkleRoot Signed { get; } = new();

        public MerkleRoot Next { get; } = new();

        /// <summary>Adds a decided head, after every signed head that comes before it; it replaces the signed head of its stream.</summary>
        public async Task Add(StreamHead decided, CancellationToken ct)
        {
            while (await NextSigned(ct) is { } signed && string.CompareOrdinal(signed.Stream, decided.Stream) <= 0)
            {
                read.Dequeue();
                Signed.Add(signed);
                if (signed.Stream != decided.Stream)
                {
                    Next.Add(signed);
                }
            }

            Next.Add(decided);
        }

        /// <summary>Adds the signed heads after the last decided one.</summary>
        public async Task Complete(CancellationToken ct)
        {
            while (await NextSigned(ct) is { } signed)
            {
                read.Dequeue();
                Signed.Add(signed);
                Next.Add(signed);
            }
        }

        private async Task<StreamHead?> NextSigned(CancellationToken ct)
        {
            if (read.Count == 0 && !allRead)
            {
                var page = await signedHeads.Next(headsPerRead, ct);
                allRead = page.Count < headsPerRead;
                foreach (var head in page)
                {
                    read.Enqueue(head);
                }
            }

            return read.Count > 0 ? read.Peek() : null;
        }
    }

    private static ProblemException Refused(StoredCheckpoint previous, string problem) =>
        ProblemException.Conflict(
            "checkpoint-chain-broken",
            "The previous checkpoint does not hold.",
            $"Checkpoint {previous.Statement.Sequence} cannot be built on: {problem}. Run the verify command to see what else was altered.");
}
