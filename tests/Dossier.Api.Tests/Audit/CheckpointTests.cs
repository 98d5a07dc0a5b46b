using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dossier.Api.Tests.Fixtures;
using Dossier.Domain.Audit;
using Dossier.Tests.Shared;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Audit;

/// <summary>Signed checkpoints: taken on demand, stored as changed heads only, exported so that an outsider can check them.</summary>
[Collection(CheckpointCollection.Name)]
public sealed class CheckpointTests(AuditFactory factory)
{
    private readonly ApiClient api = new(factory);

    [Fact]
    public async Task a_checkpoint_signs_the_root_of_every_streams_head_and_its_export_checks_out_with_the_public_key_alone()
    {
        await factory.Dossier(api, "079205000001");
        await factory.Dossier(api, "079205000002");
        var auditor = await api.Staff("audit-auditor", "auditor", AuditFactory.District);

        var taken = await api.Post("/api/v1/audit/checkpoints", auditor, null);
        var created = await Expect(taken, HttpStatusCode.Created);
        var sequence = created["sequence"]!.GetValue<long>();
        Assert.Equal($"/api/v1/audit/checkpoints/{sequence}", taken.Headers.Location!.OriginalString);

        var exported = await Expect(await api.Get($"/api/v1/audit/checkpoints/{sequence}", auditor), HttpStatusCode.OK);
        var statement = Encoding.UTF8.GetBytes(exported["statement"]!.GetValue<string>());
        using (var publicKey = ECDsa.Create())
        {
            publicKey.ImportFromPem(exported["publicKey"]!.GetValue<string>());
            Assert.True(publicKey.VerifyData(statement, Convert.FromBase64String(exported["signature"]!.GetValue<string>()),
                HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo())), exported["keyId"]!.GetValue<string>());
        }

        var said = JsonNode.Parse(statement)!.AsObject();
        var heads = await Heads(auditor, sequence);
        Assert.Equal(MerkleTree.Root(heads), said["root"]!.GetValue<string>());
        Assert.Equal(heads.Count, said["streams"]!.GetValue<long>());
        Assert.Equal(heads.Sum(h => h.Version), said["events"]!.GetValue<long>());
        Assert.Equal(sequence, said["sequence"]!.GetValue<long>());
        Assert.Equal("dossier-audit-checkpoint.v1", said["type"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(statement)), exported["statementSha256"]!.GetValue<string>());
        Assert.Equal(exported["root"]!.GetValue<string>(), said["root"]!.GetValue<string>());
    }

    [Fact]
    public async Task the_next_checkpoint_stores_only_the_heads_that_changed_and_names_the_statement_before_it()
    {
        var dossier = await factory.Dossier(api, "079205000003");
        var first = await factory.Checkpoint(api);
        var officer = await api.Staff("audit-officer", "officer", AuditFactory.District);
        dossier = await api.Act(officer, await api.Dossier(officer, Code(dossier)), "complete-step", new { outcome = "ok" });

        var second = await factory.Checkpoint(api);

        var sequence = second["sequence"]!.GetValue<long>();
        Assert.Equal(first["statementSha256"]!.GetValue<string>(), second["previous"]!.GetValue<string>());
        Assert.Equal(1L, await factory.Scalar<long>("select count(*) from dossier.audit_checkpoint_heads where checkpoint = $1", sequence));
        var heads = await Heads(await api.Staff("audit-auditor", "auditor", AuditFactory.District), sequence);
        Assert.Equal(first["streams"]!.GetValue<long>(), heads.Count);
        Assert.Contains(new StreamHead(Code(dossier), Version(dossier), (await factory.Stored(Code(dossier)))[^1].StoredHash!), heads);
        Assert.Equal(MerkleTree.Root(heads), second["root"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_checkpoint_with_nothing_changed_is_recorded_all_the_same()
    {
        await factory.Dossier(api, "079205000004");
        var first = await factory.Checkpoint(api);

        var second = await factory.Checkpoint(api);

        Assert.Equal(first["sequence"]!.GetValue<long>() + 1, second["sequence"]!.GetValue<long>());
        Assert.Equal(first["root"]!.GetValue<string>(), second["root"]!.GetValue<string>());
        Assert.Equal(0L, await factory.Scalar<long>("select count(*) from dossier.audit_checkpoint_heads where checkpoint = $1", second["sequence"]!.GetValue<long>()));
    }

    [Fact]
    public async Task the_list_holds_every_checkpoint_newest_first_and_an_unknown_one_is_404()
    {
        var auditor = await api.Staff("audit-auditor", "auditor", AuditFactory.District);
        var latest = (await factory.Checkpoint(api))["sequence"]!.GetValue<long>();

        var list = JsonNode.Parse(await (await api.Get("/api/v1/audit/checkpoints", auditor)).Content.ReadAsStringAsync())!.AsArray();

        Assert.Equal(latest, list[0]!["sequence"]!.GetValue<long>());
        Assert.Equal(Enumerable.Range(1, (int)latest).Reverse().Select(i => (long)i), list.Select(c => c!["sequence"]!.GetValue<long>()));
        await ExpectProblem(await api.Get($"/api/v1/audit/checkpoints/{latest + 100}", auditor), HttpStatusCode.NotFound, "not-found");
        await ExpectProblem(await api.Get($"/api/v1/audit/checkpoints/{latest + 100}/heads", auditor), HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("citizen", null)]
    [InlineData("reception", AuditFactory.District)]
    [InlineData("officer", AuditFactory.District)]
    [InlineData("leader", AuditFactory.District)]
    public async Task only_auditors_and_administrators_take_or_read_checkpoints(string role, string? agency)
    {
        var latest = (await factory.Checkpoint(api))["sequence"]!.GetValue<long>();
        var caller = role == "citizen" ? await api.Citizen("079205000005") : await api.Staff($"audit-{role}", role, agency!);

        await ExpectProblem(await api.Post("/api/v1/audit/checkpoints", caller, null), HttpStatusCode.Forbidden);
        await ExpectProblem(await api.Get("/api/v1/audit/checkpoints", caller), HttpStatusCode.Forbidden);
        await ExpectProblem(await api.Get($"/api/v1/audit/checkpoints/{latest}", caller), HttpStatusCode.Forbidden);
        await ExpectProblem(await api.Get($"/api/v1/audit/checkpoints/{latest}/heads", caller), HttpStatusCode.Forbidden);
        await ExpectProblem(await api.Post("/api/v1/audit/checkpoints", null, null), HttpStatusCode.Unauthorized);

        Assert.Equal(latest, await factory.Scalar<long>("select max(sequence) from dossier.audit_checkpoints"));
        var admin = await api.Staff("audit-admin", "admin", AuditFactory.District);
        Assert.Equal(latest + 1, (await Expect(await api.Post("/api/v1/audit/checkpoints", admin, null), HttpStatusCode.Created))["sequence"]!.GetValue<long>());
    }

    [Fact]
    public async Task after_a_key_rotation_checkpoints_chain_on_while_the_old_public_key_is_trusted_and_stop_when_it_is_not()
    {
        var database = TestDatabase.CreateDatabase("audit rotation");
        var oldKey = ApiFactory.NewSigningKey();
        var newKey = ApiFactory.NewSigningKey();
        long first;
        await using (var before = new AuditFactory { ConnectionString = database, SigningKey = oldKey })
        {
            var client = new ApiClient(before);
            await before.Dossier(client, "079205000006");
            first = (await before.Checkpoint(client))["sequence"]!.GetValue<long>();
        }

        await using (var untrusting = new AuditFactory { ConnectionString = database, SigningKey = newKey })
        {
            var client = new ApiClient(untrusting);
            var auditor = await client.Staff("audit-auditor", "auditor", AuditFactory.District);
            var refused = await ExpectProblem(await client.Post("/api/v1/audit/checkpoints", auditor, null), HttpStatusCode.Conflict, "checkpoint-chain-broken");
            Assert.Contains("not a trusted key", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using var oldPublic = CheckpointKey.FromPrivatePem(oldKey);
        await using var after = new AuditFactory { ConnectionString = database, SigningKey = newKey, TrustedKeys = [oldPublic.PublicKeyPem] };
        var rotated = new ApiClient(after);
        var second = await after.Checkpoint(rotated);
        Assert.Equal(first + 1, second["sequence"]!.GetValue<long>());
        var earlier = await Expect(await rotated.Get($"/api/v1/audit/checkpoints/{first}", await rotated.Staff("audit-auditor", "auditor", AuditFactory.District)),
            HttpStatusCode.OK);
        Assert.Equal(oldPublic.Id, earlier["keyId"]!.GetValue<string>());
        Assert.Equal(oldPublic.PublicKeyPem, earlier["publicKey"]!.GetValue<string>());
        Assert.NotEqual(oldPublic.Id, second["keyId"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_checkpoint_read_a_few_streams_at_a_time_signs_what_one_read_whole_signs()
    {
        // Two streams a page (the factory's default): seven dossiers make four pages of changed streams, and the next
        // checkpoint merges four pages of signed heads with the changed ones.
        var database = TestDatabase.CreateDatabase("audit_paged");
        await using var paged = new AuditFactory { ConnectionString = database };
        var client = new ApiClient(paged);
        var dossiers = new List<JsonObject>();
        for (var i = 0; i < 7; i++)
        {
            dossiers.Add(await paged.Dossier(client, $"07920500011{i}"));
        }

        await paged.Checkpoint(client);
        var officer = await client.Staff("audit-officer", "officer", AuditFactory.District);
        foreach (var changed in new[] { dossiers[0], dossiers[4] })
        {
            await client.Act(officer, await client.Dossier(officer, Code(changed)), "complete-step", new { outcome = "ok" });
        }

        dossiers.Add(await paged.Dossier(client, "079205000120"));
        var second = await paged.Checkpoint(client);

        var sequence = second["sequence"]!.GetValue<long>();
        var heads = await HeadsFrom(client, await client.Staff("audit-auditor", "auditor", AuditFactory.District), sequence);
        Assert.Equal(dossiers.Select(Code).Order(StringComparer.Ordinal), heads.Select(h => h.Stream));
        Assert.Equal(MerkleTree.Root(heads), second["root"]!.GetValue<string>());
        Assert.Equal(3L, await paged.Scalar<long>("select count(*) from dossier.audit_checkpoint_heads where checkpoint = $1", sequence));

        await using var whole = new AuditFactory { ConnectionString = database, CheckpointPageSize = 1000 };
        var third = await whole.Checkpoint(new ApiClient(whole));
        Assert.Equal(second["root"]!.GetValue<string>(), third["root"]!.GetValue<string>());
    }

    private Task<List<StreamHead>> Heads(Person auditor, long sequence) => HeadsFrom(api, auditor, sequence);

    private static async Task<List<StreamHead>> HeadsFrom(ApiClient api, Person auditor, long sequence)
    {
        var response = await api.Get($"/api/v1/audit/checkpoints/{sequence}/heads", auditor);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Select(l => JsonSerializer.Deserialize<StreamHead>(l, JsonOptions)!).ToList();
    }
}
