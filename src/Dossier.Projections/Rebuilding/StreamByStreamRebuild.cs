using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Weasel.Core;

namespace Dossier.Projections.Rebuilding;

/// <summary>A read model and the fold that rebuilds it.</summary>
public sealed record FoldedReadModel(ReadModel Model, IReadModelFold Fold);

/// <summary>What one pass rebuilt: the documents of each read model, from how many streams and events.</summary>
public sealed record StreamByStreamResult(IReadOnlyDictionary<string, long> Documents, long Streams, long Events, long HighestSequence, TimeSpan Took);

/// <summary>
/// Rebuilds read models in one pass over the events instead of one daemon rebuild each: every stream is read once, in
/// (stream, version) order, and folded by every read model in turn (inline ones first, so that a later one may use an
/// earlier one's document of the same stream); the documents go to PostgreSQL by binary COPY (Marten's bulk insert)
/// into the emptied tables, on a second thread while the next streams are read and folded. Finally the async
/// projections' progression is set to the highest sequence read, where the daemon would have stood after a rebuild,
/// so it carries on from there.
/// </summary>
/// <remarks>
/// Like a daemon rebuild, it assumes nothing appends meanwhile and no daemon runs. It is not one transaction: a failed
/// pass leaves the read models incomplete and the async projections' progression at zero; run the rebuild again.
/// </remarks>
public sealed class StreamByStreamRebuild(DocumentStore store)
{
    /// <summary>Documents per COPY: big enough that a commit per batch costs nothing, small enough to keep memory flat.</summary>
    public const int WriteBatch = 5_000;

    /// <summary>Batches folded but not yet written: lets reading and writing run at once without buffering the whole pass.</summary>
    private const int BatchesInFlight = 4;

    public async Task<StreamByStreamResult> Run(IReadOnlyList<FoldedReadModel> readModels, Action<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(readModels);
        var watch = Stopwatch.StartNew();
        var shards = ShardsOf(readModels);
        await Empty(readModels, shards, ct);

        var batches = Channel.CreateBounded<IReadOnlyList<object>>(
            new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writing = Task.Run(() => Write(batches.Reader, failed), CancellationToken.None);
        var reader = new StreamHistoryReader(store);
        var documents = readModels.ToDictionary(m => m.Model.ProjectionName, _ => 0L);
        try
        {
            var pending = new Dictionary<Type, List<object>>();
            async Task Add(FoldedReadModel readModel, object document)
            {
                documents[readModel.Model.ProjectionName]++;
                if (!pending.TryGetValue(document.GetType(), out var batch))
                {
                    pending[document.GetType()] = batch = new List<object>(WriteBatch);
                }

                batch.Add(document);
                if (batch.Count == WriteBatch)
                {
                    await batches.Writer.WriteAsync(batch, failed.Token);
                    pending[document.GetType()] = new List<object>(WriteBatch);
                }
            }

            await foreach (var stream in reader.ReadAll(failed.Token))
            {
                foreach (var readModel in readModels)
                {
                    if (readModel.Fold.Fold(stream) is { } document)
                    {
                        stream.Remember(document);
                        await Add(readModel, document);
                    }
                }

                if (reader.Streams % 20_000 == 0)
                {
                    progress?.Invoke($"folded {reader.Streams:N0} streams, {reader.Events:N0} events in {watch.Elapsed.TotalSeconds:0.0} s");
                }
            }

            foreach (var readModel in readModels)
            {
                foreach (var document in readModel.Fold.Complete())
                {
                    await Add(readModel, document);
                }
            }

            foreach (var batch in pending.Values.Where(b => b.Count > 0))
            {
                await batches.Writer.WriteAsync(batch, failed.Token);
            }

            batches.Writer.Complete();
        }
        catch (Exception readFailure)
        {
            batches.Writer.TryComplete(readFailure);
            await failed.CancelAsync();
            var writeFailure = await FailureOf(writing);
            if (readFailure is OperationCanceledException && !ct.IsCancellationRequested && writeFailure is not null)
            {
                // The reader was only stopped because the writer failed: the writer's failure is the one to report.
                ExceptionDispatchInfo.Capture(writeFailure).Throw();
            }

            throw;
        }

        await writing;
        await MarkProgression(shards, reader.HighestSequence, ct);
        return new StreamByStreamResult(documents, reader.Streams, reader.Events, reader.HighestSequence, watch.Elapsed);
    }

    private async Task Write(ChannelReader<IReadOnlyList<object>> batches, CancellationTokenSource failed)
    {
        try
        {
            await foreach (var batch in batches.ReadAllAsync(failed.Token))
            {
                await store.BulkInsertDocumentsAsync(batch, BulkInsertMode.InsertsOnly, WriteBatch, failed.Token);
            }
        }
        catch
        {
            // The reader waits on a full channel or reads on; stop it so the failure surfaces at once.
            await failed.CancelAsync();
            throw;
        }
    }

    private static async Task<Exception?> FailureOf(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>The progression rows of the async read models: every shard the daemon would run for them.</summary>
    private IReadOnlyList<string> ShardsOf(IReadOnlyList<FoldedReadModel> readModels)
    {
        var asynchronous = readModels
            .Where(m => m.Model.Lifecycle == ProjectionLifecycle.Async)
            .Select(m => m.Model.ProjectionName)
            .ToHashSet(StringComparer.Ordinal);
        return store.Advanced.AllAsyncProjectionShardNames()
            .Where(s => asynchronous.Contains(s.Name))
            .Select(s => s.Identity)
            .ToList();
    }

    /// <summary>Empties the read models' tables and sets their progression back to the start, as a daemon rebuild does.</summary>
    private async Task Empty(IReadOnlyList<FoldedReadModel> readModels, IReadOnlyList<string> shards, CancellationToken ct)
    {
        var tables = readModels.SelectMany(m => m.Model.DocumentTypes).Distinct().Select(Table).ToList();
        await using var connection = await OpenConnection(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (tables.Count > 0)
        {
            await using var truncate = new NpgsqlCommand($"truncate table {string.Join(", ", tables)}", connection, transaction);
            await truncate.ExecuteNonQueryAsync(ct);
        }

        await Mark(connection, transaction, shards, 0, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task MarkProgression(IReadOnlyList<string> shards, long sequence, CancellationToken ct)
    {
        await using var connection = await OpenConnection(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Mark(connection, transaction, shards, sequence, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task Mark(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> shards, long sequence, CancellationToken ct)
    {
        foreach (var shard in shards)
        {
            await using var mark = new NpgsqlCommand(
                $"select {store.Options.Events.DatabaseSchemaName}.mt_mark_event_progression($1, $2)", connection, transaction)
            {
                Parameters = { new() { Value = shard }, new() { Value = sequence } },
            };
            await mark.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task<NpgsqlConnection> OpenConnection(CancellationToken ct)
    {
        var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    private string Table(Type type) => ((IReadOnlyStoreOptions)store.Options).FindOrResolveDocumentType(type).TableName.QualifiedName;
}
