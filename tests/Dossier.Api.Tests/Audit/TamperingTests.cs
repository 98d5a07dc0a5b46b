using System.Net;
using System.Text.Json.Nodes;
using Dossier.Api.Tests.Fixtures;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Audit;

/// <summary>
/// Rows of <c>dossier.mt_events</c> altered directly in PostgreSQL, as someone with write access to the database could,
/// and what <c>GET /dossiers/{code}/integrity</c> says afterwards. Each test alters a dossier of its own.
/// </summary>
[Collection(TamperingCollection.Name)]
public sealed class TamperingTests(AuditFactory factory)
{
    private readonly ApiClient api = new(factory);

    [Fact]
    public async Task an_untouched_dossier_is_valid()
    {
        var dossier = await factory.Dossier(api, "079204000001");

        var integrity = await factory.Integrity(api, Code(dossier));

        Assert.True(integrity["valid"]!.GetValue<bool>());
        Assert.Equal(3, integrity["events"]!.GetValue<long>());
        Assert.Null(integrity["brokenAtVersion"]);
        Assert.Null(integrity["reason"]);
    }

    [Fact]
    public async Task changing_an_events_data_breaks_the_chain_at_that_version()
    {
        var code = Code(await factory.Dossier(api, "079204000002"));

        await factory.Sql("update dossier.mt_events set data = jsonb_set(data, '{assignee}', '\"someone-else\"') where stream_id = $1 and version = 3", code);

        var integrity = await Broken(code, atVersion: 3);
        Assert.Equal(2, integrity["events"]!.GetValue<long>());
        Assert.Contains("does not match its hash", integrity["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task deleting_an_event_breaks_the_chain_at_that_version()
    {
        var code = Code(await factory.Dossier(api, "079204000003"));

        await factory.Sql("delete from dossier.mt_events where stream_id = $1 and version = 2", code);

        var integrity = await Broken(code, atVersion: 2);
        Assert.Contains("version 2 is missing", integrity["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task swapping_two_events_breaks_the_chain_at_the_earlier_one()
    {
        var code = Code(await factory.Dossier(api, "079204000004"));

        await factory.Sql(
            """
            update dossier.mt_events e set type = o.type, data = o.data
            from dossier.mt_events o
            where e.stream_id = $1 and o.stream_id = $1 and (e.version, o.version) in ((1, 3), (3, 1))
            """,
            code);

        await Broken(code, atVersion: 1);
    }

    [Fact]
    public async Task changing_the_actor_header_breaks_the_chain_at_that_version()
    {
        var code = Code(await factory.Dossier(api, "079204000005"));

        await factory.Sql("update dossier.mt_events set headers = jsonb_set(headers, '{actor}', '\"innocent-officer\"') where stream_id = $1 and version = 2", code);

        await Broken(code, atVersion: 2);
    }

    [Fact]
    public async Task a_dossier_rewritten_with_recomputed_hashes_after_a_checkpoint_is_caught_by_the_checkpoint()
    {
        var code = Code(await factory.Dossier(api, "079204000006"));
        var checkpoint = (await factory.Checkpoint(api))["sequence"]!.GetValue<long>();

        await factory.RewriteConsistently(code);

        var integrity = await Broken(code, atVersion: 3);
        Assert.Contains($"self-consistent but does not match signed checkpoint {checkpoint}", integrity["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(checkpoint, integrity["checkpoint"]!["sequence"]!.GetValue<long>());
        Assert.Equal(3, integrity["checkpoint"]!["version"]!.GetValue<long>());
        Assert.False(integrity["checkpoint"]!["matches"]!.GetValue<bool>());
        Assert.True(integrity["checkpoint"]!["signatureValid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task a_later_checkpoint_does_not_sign_over_a_rewritten_dossier()
    {
        var code = Code(await factory.Dossier(api, "079204000007"));
        await factory.Checkpoint(api);
        await factory.RewriteConsistently(code);

        var later = (await factory.Checkpoint(api))["sequence"]!.GetValue<long>();

        var integrity = await Broken(code, atVersion: 3);
        Assert.Contains($"does not match signed checkpoint {later}", integrity["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_checkpointed_dossier_deleted_from_the_store_is_reported_gone()
    {
        var code = Code(await factory.Dossier(api, "079204000008"));
        await factory.Checkpoint(api);

        await factory.Sql("delete from dossier.mt_streams where id = $1", code);

        var integrity = await Broken(code, atVersion: 1);
        Assert.Contains("the stream is gone", integrity["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, integrity["events"]!.GetValue<long>());
    }

    [Fact]
    public async Task a_dossier_that_never_existed_is_404()
    {
        var auditor = await api.Staff("audit-auditor", "auditor", AuditFactory.District);

        await ExpectProblem(await api.Get($"/api/v1/dossiers/{AuditFactory.District}-261123-9999/integrity", auditor), HttpStatusCode.NotFound, "not-found");
        await ExpectProblem(await api.Get("/api/v1/dossiers/not-a-code/integrity", auditor), HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("citizen", null)]
    [InlineData("reception", AuditFactory.District)]
    [InlineData("officer", AuditFactory.District)]
    [InlineData("leader", AuditFactory.District)]
    public async Task only_auditors_and_administrators_check_integrity(string role, string? agency)
    {
        var dossier = await factory.Dossier(api, "079204000009");
        var path = $"/api/v1/dossiers/{Code(dossier)}/integrity";

        var caller = role == "citizen" ? await api.Citizen("079204000009") : await api.Staff($"audit-{role}", role, agency!);
        await ExpectProblem(await api.Get(path, caller), HttpStatusCode.Forbidden);
        await ExpectProblem(await api.Get(path), HttpStatusCode.Unauthorized);
        await Expect(await api.Get(path, await api.Staff("audit-admin", "admin", AuditFactory.District)), HttpStatusCode.OK);
    }

    private async Task<JsonObject> Broken(string code, long atVersion)
    {
        var integrity = await factory.Integrity(api, code);
        Assert.False(integrity["valid"]!.GetValue<bool>(), integrity.ToJsonString());
        Assert.Equal(atVersion, integrity["brokenAtVersion"]!.GetValue<long>());
        return integrity;
    }
}
