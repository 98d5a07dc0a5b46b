using System.Diagnostics;
using System.Text.Json.Nodes;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using JasperFx.Events.Subscriptions;
using Marten;
using Npgsql;

namespace Dossier.Projections.Rebuilding;

/// <summary>A read model: a registered projection and the document types it writes.</summary>
public sealed record ReadModel(string ProjectionName, ProjectionLifecycle Lifecycle, IReadOnlyList<Type> DocumentTypes);

/// <summary>One document that differs between the live read model and the one rebuilt from the events.</summary>
/// <param name="Live">The live document's JSON; null when only the rebuild has it.</param>
/// <param name="Rebuilt">The rebuilt document's JSON; null when only the live read model has it.</param>
public sealed record ReadModelDifference(string DocumentType, string Id, string? Live, string? Rebuilt)
{
    /// <summary>Where the two documents differ, as JSON paths with both values, e.g. <c>state.rating: null → "Satisfied"</c>.</summary>
    public IReadOnlyList<string> Changes(int max = 10)
    {
        var changes = new List<string>();
        Compare("", Live is null ? null : JsonNode.Parse(Live), Rebuilt is null ? null : JsonNode.Parse(Rebuilt), Live is null, Rebuilt is null, changes);
        return changes.Take(max).ToList();
    }

    private static void Compare(string path, JsonNode? live, JsonNode? rebuilt, bool liveMissing, bool rebuiltMissing, List<string> changes)
    {
        if (live is JsonObject a && rebuilt is JsonObject b)
        {
            foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                Compare(path.Length == 0 ? key : $"{path}.{key}", a[key], b[key], !a.ContainsKey(key), !b.ContainsKey(key), changes);
            }
        }
        else if (liveMissing || rebuiltMissing || !JsonNode.DeepEquals(live, rebuilt))
        {
            changes.Add($"{(path.Length == 0 ? "(document)" : path)}: {Show(live, liveMissing)} → {Show(rebuilt, rebuiltMissing)}");
        }
    }

    private static string Show(JsonNode? node, bool missing) => missing ? "(missing)" : node?.ToJsonString() ?? "null";
}

/// <summary>How a read model was rebuilt: folded stream by stream with the others in one pass, or by Marten's daemon.</summary>
public enum RebuildPath
{
    StreamByStream,
    Daemon,
}

/// <param name="Took">For the read models rebuilt stream by stream, the time of the one pass that rebuilt them all.</param>
public sealed record RebuiltReadModel(string ProjectionName, long Documents, TimeSpan Took, RebuildPath Path);

/// <summary>The outcome of a check: what was rebuilt and every difference found, counted in full, listed up to a limit.</summary>
public sealed record RebuildCheck(IReadOnlyList<RebuiltReadModel> Rebuilt, IReadOnlyDictionary<string, long> DifferenceCounts, IReadOnlyList<ReadModelDifference> Differences)
{
    public bool Identical => DifferenceCounts.Values.All(c => c == 0);
}

/// <summary>
/// Rebuilds every projection registered with the store from the events, and checks that a rebuild yields exactly the
/// live read models: the live documents are copied aside in the database (not into memory, so a province's worth
/// fits), the projections are rebuilt, and the copies are compared with the rebuilt documents as jsonb.
/// </summary>
public sealed class ReadModelRebuild(DocumentStore store)
{
    public static readonly TimeSpan ShardTimeout = TimeSpan.FromMinutes(30);
    public const int ListedDifferences = 20;

    private const string CopyPrefix = "rebuild_check_";

    /// <summary>Inline projections first, then the async ones in registration order (the facts before the daily counts, which classify events with them).</summary>
    public IReadOnlyList<ReadModel> ReadModels() => Registered().Select(r => r.Model).ToList();

    private List<(ReadModel Model, object Projection)> Registered() =>
        store.Options.Projections.All
            .Select(p => (Model: new ReadModel(((ISubscriptionSource)p).Name, ((ISubscriptionSource)p).Lifecycle, p.PublishedTypes().Distinct().ToList()), Projection: (object)p))
            .Where(r => r.Model.Lifecycle != ProjectionLifecycle.Live)
            .OrderBy(r => r.Model.Lifecycle == ProjectionLifecycle.Inline ? 0 : 1)
            .ToList();

    /// <summary>Lets the async projections catch up with every event appended so far, as a running daemon would.</summary>
    public async Task CatchUp(TimeSpan timeout, CancellationToken ct)
    {
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        try
        {
            await daemon.WaitForNonStaleData(timeout);
            if (daemon.HasAnyPaused())
            {
                throw new InvalidOperationException("A projection shard is paused after a failure; see the log. The read models are not current.");
            }
        }
        finally
        {
            await daemon.StopAllAsync();
        }

        ct.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Rebuilds every read model: those with a fold (<see cref="ReadModelFolds"/>) together, stream by stream in one pass
    /// over the events; any other by Marten's daemon afterwards, so it finds the folded ones already rebuilt.
    /// </summary>
    public async Task<IReadOnlyList<RebuiltReadModel>> Rebuild(Action<string>? progress, CancellationToken ct)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var registered = Registered();
        var folded = registered
            .Select(r => ReadModelFolds.For(r.Projection) is { } fold ? new FoldedReadModel(r.Model, fold) : null)
            .OfType<FoldedReadModel>()
            .ToList();
        var rebuilt = new List<RebuiltReadModel>();
        if (folded.Count > 0)
        {
            var names = string.Join(", ", folded.Select(m => m.Model.ProjectionName));
            progress?.Invoke($"rebuilding {names} stream by stream, in one pass over the events");
            var pass = await new StreamByStreamRebuild(store).Run(folded, progress, ct);
            progress?.Invoke($"read {pass.Events:N0} events of {pass.Streams:N0} streams (up to sequence {pass.HighestSequence}) in {pass.Took.TotalSeconds:0.0} s");
            foreach (var model in folded.Select(m => m.Model))
            {
                var documents = pass.Documents[model.ProjectionName];
                rebuilt.Add(new RebuiltReadModel(model.ProjectionName, documents, pass.Took, RebuildPath.StreamByStream));
                progress?.Invoke($"rebuilt {model.ProjectionName}: {documents} documents in the pass of {pass.Took.TotalSeconds:0.0} s");
            }
        }

        var byDaemon = registered.Select(r => r.Model).Where(m => folded.All(f => f.Model != m)).ToList();
        if (byDaemon.Count == 0)
        {
            return rebuilt;
        }

        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var model in byDaemon)
        {
            progress?.Invoke($"rebuilding {model.ProjectionName} ({model.Lifecycle}) with Marten's daemon");
            var watch = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(model.ProjectionName, ShardTimeout, ct);
            long documents = 0;
            foreach (var type in model.DocumentTypes)
            {
                documents += await Scalar<long>($"select count(*) from {Table(type)}", ct);
            }

            rebuilt.Add(new RebuiltReadModel(model.ProjectionName, documents, watch.Elapsed, RebuildPath.Daemon));
            progress?.Invoke($"rebuilt {model.ProjectionName}: {documents} documents in {watch.Elapsed.TotalSeconds:0.0} s");
        }

        return rebuilt;
    }

    /// <summary>Catches up, copies the live read models aside, rebuilds, compares, and drops the copies.</summary>
    public async Task<RebuildCheck> Check(Action<string>? progress, CancellationToken ct)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        progress?.Invoke("letting the async projections catch up with the events");
        await CatchUp(ShardTimeout, ct);
        var types = ReadModels().SelectMany(m => m.DocumentTypes).Distinct().ToList();
        try
        {
            foreach (var type in types)
            {
                await Execute($"drop table if exists {Copy(type)}; create unlogged table {Copy(type)} as select id, data from {Table(type)}", ct);
            }

            progress?.Invoke($"copied the live read models aside: {string.Join(", ", types.Select(t => t.Name))}");
            var rebuilt = await Rebuild(progress, ct);
            var counts = new Dictionary<string, long>();
            var differences = new List<ReadModelDifference>();
            foreach (var type in types)
            {
                var (count, listed) = await Compare(type, ct);
                counts[type.Name] = count;
                differences.AddRange(listed);
            }

            return new RebuildCheck(rebuilt, counts, differences);
        }
        finally
        {
            foreach (var type in types)
            {
                await Execute($"drop table if exists {Copy(type)}", CancellationToken.None);
            }
        }
    }

    private async Task<(long Count, List<ReadModelDifference> Listed)> Compare(Type type, CancellationToken ct)
    {
        var differing = $"""
            from {Copy(type)} live full outer join {Table(type)} rebuilt on live.id = rebuilt.id
            where live.data is distinct from rebuilt.data
            """;
        var count = await Scalar<long>($"select count(*) {differing}", ct);
        var listed = new List<ReadModelDifference>();
        await using var session = store.QuerySession();
        await using var command = new NpgsqlCommand(
            $"select coalesce(live.id, rebuilt.id)::text, live.data::text, rebuilt.data::text {differing} order by 1 limit {ListedDifferences}");
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct))
        {
            listed.Add(new ReadModelDifference(
                type.Name, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return (count, listed);
    }

    private string Table(Type type) => ((IReadOnlyStoreOptions)store.Options).FindOrResolveDocumentType(type).TableName.QualifiedName;

    private string Copy(Type type)
    {
        var table = ((IReadOnlyStoreOptions)store.Options).FindOrResolveDocumentType(type).TableName;
        return $"{table.Schema}.{CopyPrefix}{table.Name}";
    }

    private async Task Execute(string sql, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        await using var command = new NpgsqlCommand(sql);
        await using var reader = await session.ExecuteReaderAsync(command, ct);
    }

    private async Task<T> Scalar<T>(string sql, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        await using var command = new NpgsqlCommand(sql);
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        await reader.ReadAsync(ct);
        return reader.GetFieldValue<T>(0);
    }
}
