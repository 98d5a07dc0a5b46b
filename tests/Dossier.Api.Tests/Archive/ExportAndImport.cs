using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dossier.Api.Archive;
using Dossier.Api.Audit;
using Dossier.Api.Tests.Fixtures;
using Dossier.Api.Tests.Statistics;
using Dossier.Domain.Audit;
using Npgsql;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Archive;

/// <summary>An archive of a varied history, imported into an empty database, serves exactly what the original served.</summary>
public sealed class ExportAndImport(ArchivedHistory archived) : IClassFixture<ArchivedHistory>
{
    [Fact]
    public async Task every_imported_chain_verifies_and_the_heads_give_the_manifests_merkle_root()
    {
        Assert.Equal(archived.Codes.Count, archived.Manifest.Counts.Streams);
        Assert.Null(archived.Manifest.Signature);
        var heads = new List<StreamHead>();
        var events = 0L;
        await using (var connection = new NpgsqlConnection(archived.TargetDatabase))
        {
            await connection.OpenAsync();
            await foreach (var (stream, stored) in StoredEvents.AllStreams(connection, CancellationToken.None))
            {
                var check = EventSeal.Verify(stored.Select(e => (e.Content, e.StoredHash)));
                Assert.True(check.Valid, $"{stream}: {check.Reason}");
                heads.Add(new StreamHead(stream, check.Events, check.Head!));
                events += stored.Count;
            }
        }

        Assert.Equal(archived.Manifest.MerkleRoot, MerkleTree.Root(heads));
        Assert.Equal(archived.Manifest.Counts.Events, events);
        Assert.Equal(await Count(archived.SourceDatabase, "mt_events where stream_id <> 'mt_tombstone'"), events);
    }

    [Fact]
    public async Task every_dossier_and_its_history_read_the_same_as_the_original()
    {
        var source = new ApiClient(archived.Source);
        var target = new ApiClient(archived.Target);
        var sourceAuditor = await source.Staff("arc-auditor", "auditor", "000.00.00.H08");
        var targetAuditor = await target.Staff("arc-auditor", "auditor", "000.00.00.H08");
        var sourceOwner = await source.Citizen("079201006001");
        var targetOwner = await target.Citizen("079201006001");
        Assert.Equal(7, archived.Codes.Count);
        var owned = 0;
        foreach (var code in archived.Codes)
        {
            foreach (var path in new[] { $"/api/v1/dossiers/{code}", $"/api/v1/dossiers/{code}/history" })
            {
                var original = await source.Get(path, sourceAuditor);
                var imported = await target.Get(path, targetAuditor);
                await AssertSame(original, imported, path);
                Assert.Equal(original.Headers.ETag, imported.Headers.ETag);
            }

            var asOwner = await source.Get($"/api/v1/dossiers/{code}", sourceOwner);
            var importedAsOwner = await target.Get($"/api/v1/dossiers/{code}", targetOwner);
            Assert.Equal(asOwner.StatusCode, importedAsOwner.StatusCode);
            if (asOwner.StatusCode == HttpStatusCode.OK)
            {
                await AssertSame(asOwner, importedAsOwner, $"{code} as its applicant");
                owned++;
            }
        }

        Assert.Equal(2, owned);
        var histories = await Task.WhenAll(archived.Codes.Select(async code =>
            JsonNode.Parse(await (await target.Get($"/api/v1/dossiers/{code}/history", targetAuditor)).Content.ReadAsStringAsync())!.AsArray()));
        Assert.Contains(histories.SelectMany(h => h),
            e => e!["correlationId"]?.GetValue<string>() == ArchivedHistory.CorrelationNeedingEscapes);
    }

    [Fact]
    public async Task the_statistics_report_and_indicators_are_the_same_as_the_original()
    {
        var source = new ApiClient(archived.Source);
        var target = new ApiClient(archived.Target);
        var sourceLeader = await source.Staff("arc-stats", "auditor", "000.00.00.H08");
        var targetLeader = await target.Staff("arc-stats", "auditor", "000.00.00.H08");
        foreach (var path in new[]
                 {
                     $"/api/v1/statistics/report?{ArchivedHistory.Period}",
                     $"/api/v1/statistics/indicators?{ArchivedHistory.Period}",
                     $"/api/v1/statistics/report?{ArchivedHistory.Period}&agency={ArchivedHistory.CommuneB}",
                     $"/api/v1/statistics/daily?{ArchivedHistory.Period}",
                 })
        {
            await AssertSame(await source.Get(path, sourceLeader), await target.Get(path, targetLeader), path);
        }

        var report = await Expect(await target.Get($"/api/v1/statistics/report?{ArchivedHistory.Period}", targetLeader), HttpStatusCode.OK);
        Assert.True(report["total"]!["resolved"]!["total"]!.GetValue<int>() >= 3, report.ToJsonString());
    }

    [Fact]
    public async Task a_filing_after_the_import_gets_the_next_code_of_its_unit_and_day()
    {
        var database = StatisticsFactory.CreateDatabase();
        var (code, _, errors) = await ArchivedHistory.Verb("import", archived.Folder, database);
        Assert.True(code == 0, errors);
        await using var host = new StatisticsFactory(database);
        var api = new ApiClient(host);
        var imported = archived.Codes.Where(c => c.StartsWith($"{ArchivedHistory.CommuneB}-261123-", StringComparison.Ordinal)).Order().ToList();
        Assert.NotEmpty(imported);

        var filed = await api.FileDirect(await api.Staff("arc-next-reception", "reception", ArchivedHistory.CommuneB), "2.000815");

        Assert.Equal($"{ArchivedHistory.CommuneB}-261123-{imported.Count + 1:D4}", Code(filed));
        Assert.DoesNotContain(Code(filed), archived.Codes);
    }

    [Fact]
    public async Task an_import_into_a_database_with_events_is_refused_and_writes_nothing()
    {
        var before = await Snapshot(archived.SourceDatabase);

        var (code, _, errors) = await ArchivedHistory.Verb("import", archived.Folder, archived.SourceDatabase);

        Assert.Equal(1, code);
        Assert.Contains("already holds", errors, StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot(archived.SourceDatabase));
    }

    [Fact]
    public async Task a_file_that_does_not_match_its_manifest_is_refused_before_anything_is_written()
    {
        var copy = archived.CopyOfArchive();
        try
        {
            var events = Path.Combine(copy, ArchiveFiles.EventPart(1));
            var text = await File.ReadAllTextAsync(events);
            await File.WriteAllTextAsync(events, text.Replace("Không đủ điều kiện cấp phép", "Đủ điều kiện cấp phép", StringComparison.Ordinal));
            var database = StatisticsFactory.CreateDatabase();

            var (code, _, errors) = await ArchivedHistory.Verb("import", copy, database);

            Assert.Equal(1, code);
            Assert.Contains($"{ArchiveFiles.EventPart(1)} does not match the manifest", errors, StringComparison.Ordinal);
            Assert.Equal(0, await Scalar(database, "select count(*) from information_schema.schemata where schema_name = 'dossier'"));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task a_rewritten_event_with_a_manifest_to_match_fails_its_chain_and_nothing_is_committed()
    {
        var copy = archived.CopyOfArchive();
        try
        {
            var name = ArchiveFiles.EventPart(1);
            var path = Path.Combine(copy, name);
            var bytes = Encoding.UTF8.GetBytes((await File.ReadAllTextAsync(path))
                .Replace("Không đủ điều kiện cấp phép", "Đủ điều kiện cấp phép", StringComparison.Ordinal));
            await File.WriteAllBytesAsync(path, bytes);
            var manifest = await ArchiveManifest.Read(copy, CancellationToken.None);
            manifest = manifest with
            {
                Files = manifest.Files.Select(f => f.Name == name
                    ? f with { Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), Bytes = bytes.Length }
                    : f).ToList(),
            };
            File.Delete(Path.Combine(copy, ArchiveFiles.Manifest));
            await manifest.Write(copy, CancellationToken.None);
            var database = StatisticsFactory.CreateDatabase();

            var (code, _, errors) = await ArchivedHistory.Verb("import", copy, database);

            Assert.Equal(1, code);
            Assert.Contains("do not verify as hash chains", errors, StringComparison.Ordinal);
            Assert.Equal("0 0 0 0", await Snapshot(database));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task the_stored_chains_are_re_hashed_in_one_pass_when_every_one_holds()
    {
        var database = StatisticsFactory.CreateDatabase();

        var (code, _, errors) = await ArchivedHistory.Verb("import", archived.Folder, database);

        Assert.True(code == 0, errors);
        Assert.Contains("re-hashing the stored chains", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("verifying chains stream by stream", errors, StringComparison.Ordinal);
    }

    /// <summary>
    /// A trigger stands in for whatever could make PostgreSQL hold other than what the archive says: the chains are checked
    /// from the rows it stored, not from the archive's bytes.
    /// </summary>
    [Fact]
    public async Task a_row_that_postgresql_stores_unlike_the_archive_fails_its_chain_and_nothing_is_committed()
    {
        var database = StatisticsFactory.CreateDatabase();
        await using (var host = new StatisticsFactory(database))
        {
            host.CreateClient().Dispose();
        }

        var altered = await Text(archived.SourceDatabase, "select min(id) from dossier.mt_streams where version >= 2 and id <> 'mt_tombstone'");
        await Execute(database,
            $$"""
              create function dossier.alter_one_event() returns trigger language plpgsql as $$
              begin
                if new.stream_id = '{{altered}}' and new.version = 2 then new.data = new.data || '{"altered": true}'; end if;
                return new;
              end $$;
              create trigger alter_one_event before insert on dossier.mt_events for each row execute function dossier.alter_one_event();
              """);
        var before = await Snapshot(database);

        var (code, _, errors) = await ArchivedHistory.Verb("import", archived.Folder, database);

        Assert.Equal(1, code);
        Assert.Contains("checking stream by stream", errors, StringComparison.Ordinal);
        Assert.Contains($"{altered} at version 2: version 2 does not match its hash", errors, StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot(database));
    }

    private static async Task AssertSame(HttpResponseMessage original, HttpResponseMessage imported, string what)
    {
        var a = await original.Content.ReadAsStringAsync();
        var b = await imported.Content.ReadAsStringAsync();
        Assert.True(original.StatusCode == HttpStatusCode.OK, $"{what}: {(int)original.StatusCode} {a}");
        Assert.True(ArchivedHistory.Same(JsonNode.Parse(a), JsonNode.Parse(b)), $"{what} differs after the import:\n{a}\n{b}");
    }

    /// <summary>Events, streams, catalogue documents and code counters of a database.</summary>
    private static async Task<string> Snapshot(string database) =>
        string.Join(' ', await Count(database, "mt_events"), await Count(database, "mt_streams"),
            await Count(database, "mt_doc_publishedprocedure"), await Count(database, "dossier_code_sequence"));

    private static Task<long> Count(string database, string from) => Scalar(database, $"select count(*) from dossier.{from}");

    private static async Task<string> Text(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Execute(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
