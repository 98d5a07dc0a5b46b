using System.Net;
using Dossier.Api.Operations;
using Dossier.Api.Tests.Fixtures;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Audit;

/// <summary>
/// <c>dotnet Dossier.Api.dll verify</c>, run in-process through the entry the verb uses, on a database of each test's
/// own, with only the public key of the signer trusted.
/// </summary>
public sealed class VerifyCommandTests
{
    [Fact]
    public async Task an_intact_store_verifies_with_exit_code_0()
    {
        await using var factory = new AuditFactory();
        var api = new ApiClient(factory);
        await factory.Dossier(api, "079206000001");
        await factory.Dossier(api, "079206000002");
        await factory.Checkpoint(api);
        await factory.Dossier(api, "079206000003");

        var (code, output, errors) = await Verify(factory);

        Assert.True(code == 0, output + errors);
        Assert.Contains("3 streams, 9 events read; 1 checkpoints", output, StringComparison.Ordinal);
        Assert.Contains("checked against checkpoint 1", output, StringComparison.Ordinal);
        Assert.Contains("verify passed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("BROKEN", output, StringComparison.Ordinal);
        Assert.Contains("verify: 3 streams, 9 events", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_tampered_store_fails_naming_each_broken_stream_with_its_version_and_reason()
    {
        await using var factory = new AuditFactory();
        var api = new ApiClient(factory);
        var altered = Code(await factory.Dossier(api, "079206000004"));
        var rewritten = Code(await factory.Dossier(api, "079206000005"));
        var deleted = Code(await factory.Dossier(api, "079206000006"));
        var intact = Code(await factory.Dossier(api, "079206000007"));
        await factory.Checkpoint(api);

        await factory.Sql("update dossier.mt_events set data = jsonb_set(data, '{assignee}', '\"someone-else\"') where stream_id = $1 and version = 3", altered);
        await factory.RewriteConsistently(rewritten);
        await factory.Sql("delete from dossier.mt_streams where id = $1", deleted);

        var (code, output, _) = await Verify(factory);

        Assert.Equal(1, code);
        Assert.Contains($"BROKEN {altered} at version 3: version 3 does not match its hash", output, StringComparison.Ordinal);
        Assert.Contains($"BROKEN {rewritten} at version 3: the chain up to version 3 is self-consistent but does not match signed checkpoint 1", output, StringComparison.Ordinal);
        Assert.Contains($"BROKEN {deleted} at version 1: the stream is gone: signed checkpoint 1 holds it at version 3", output, StringComparison.Ordinal);
        Assert.DoesNotContain(intact, output, StringComparison.Ordinal);
        Assert.Contains("verify FAILED: 3 streams broken, 0 checkpoint problems", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_altered_checkpoint_fails_its_signature_check_and_nothing_is_built_on_it()
    {
        await using var factory = new AuditFactory();
        var api = new ApiClient(factory);
        var dossier = Code(await factory.Dossier(api, "079206000008"));
        await factory.Checkpoint(api);

        await factory.Sql("update dossier.audit_checkpoints set root = repeat('0', 64) where sequence = 1");

        var (code, output, _) = await Verify(factory);
        Assert.Equal(1, code);
        Assert.Contains("CHECKPOINT checkpoint 1: its signature does not verify", output, StringComparison.Ordinal);

        var integrity = await factory.Integrity(api, dossier);
        Assert.False(integrity["valid"]!.GetValue<bool>());
        Assert.False(integrity["checkpoint"]!["signatureValid"]!.GetValue<bool>());
        Assert.Contains("signed checkpoint 1 cannot be believed", integrity["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        var auditor = await api.Staff("audit-auditor", "auditor", AuditFactory.District);
        await ExpectProblem(await api.Post("/api/v1/audit/checkpoints", auditor, null), HttpStatusCode.Conflict, "checkpoint-chain-broken");
    }

    [Fact]
    public async Task a_checkpoint_removed_from_the_chain_is_reported()
    {
        await using var factory = new AuditFactory();
        var api = new ApiClient(factory);
        await factory.Dossier(api, "079206000011");
        for (var i = 0; i < 3; i++)
        {
            await factory.Checkpoint(api);
        }

        await factory.Sql("delete from dossier.audit_checkpoints where sequence = 2");

        var (code, output, _) = await Verify(factory);
        Assert.Equal(1, code);
        Assert.Contains("CHECKPOINT checkpoint 3: checkpoint 2 is missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task heads_altered_under_a_checkpoint_no_longer_give_its_root_and_nothing_is_built_on_them()
    {
        await using var factory = new AuditFactory();
        var api = new ApiClient(factory);
        var dossier = Code(await factory.Dossier(api, "079206000009"));
        await factory.Checkpoint(api);

        await factory.RewriteConsistently(dossier);
        var rewrittenHead = (await factory.Stored(dossier))[^1].StoredHash!;
        await factory.Sql("update dossier.audit_checkpoint_heads set hash = $1 where stream = $2", rewrittenHead, dossier);

        var (code, output, _) = await Verify(factory);

        Assert.Equal(1, code);
        Assert.Contains("CHECKPOINT checkpoint 1: its 1 stored heads give the root", output, StringComparison.Ordinal);

        var auditor = await api.Staff("audit-auditor", "auditor", AuditFactory.District);
        var refused = await ExpectProblem(await api.Post("/api/v1/audit/checkpoints", auditor, null), HttpStatusCode.Conflict, "checkpoint-chain-broken");
        Assert.Contains("its stored heads give the root", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task checkpoints_signed_by_a_key_that_is_not_trusted_fail_and_a_usage_error_is_2()
    {
        await using var factory = new AuditFactory();
        var api = new ApiClient(factory);
        await factory.Dossier(api, "079206000010");
        await factory.Checkpoint(api);

        var (code, output, _) = await Verify(factory, trustedKeys: []);
        Assert.Equal(1, code);
        Assert.Contains("which is not a trusted key", output, StringComparison.Ordinal);
        Assert.Contains("trusted keys: none", output, StringComparison.Ordinal);

        var errors = new StringWriter();
        Assert.Equal(2, await VerifyCommand.Run([VerifyCommand.Verb, "--frobnicate"], TextWriter.Null, errors));
        Assert.Contains("unknown option --frobnicate", errors.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Errors)> Verify(AuditFactory factory, string[]? trustedKeys = null)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var keys = trustedKeys ?? [factory.PublicKey];
        var code = await VerifyCommand.Run(
            [VerifyCommand.Verb, $"--ConnectionStrings:Dossier={factory.ConnectionString}", .. keys.Select((k, i) => $"--Audit:TrustedKeys:{i}={k}")],
            output, errors);
        return (code, output.ToString(), errors.ToString());
    }
}
