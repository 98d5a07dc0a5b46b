using System.Net;
using System.Text.Json.Nodes;
using Dossier.Api.Audit;
using Dossier.Api.Tests.Fixtures;
using Dossier.Domain.Audit;
using Dossier.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Audit;

/// <summary>
/// The API host on a database of its own: checkpoints and the verify command cover every stream in the store, and
/// these tests alter rows behind the engine's back. Offers the SQL a tamperer would run.
/// </summary>
public sealed class AuditFactory : ApiFactory
{
    public const string District = "000.00.21.H08";
    public const string Procedure = "1.009995";

    private string? connectionString;

    /// <summary>A new, empty database unless another is given.</summary>
    public string ConnectionString
    {
        get => connectionString ??= TestDatabase.CreateDatabase("audit");
        init => connectionString = value;
    }

    /// <summary>The key checkpoints are signed with, when not the test run's.</summary>
    public string? SigningKey { get; init; }

    public IReadOnlyList<string> TrustedKeys { get; init; } = [];

    /// <summary>Streams a checkpoint reads at a time: small, so that the tests' few streams already span several pages.</summary>
    public int CheckpointPageSize { get; init; } = 2;

    public string PublicKey
    {
        get
        {
            using var key = CheckpointKey.FromPrivatePem(SigningKey ?? AuditSigningKey);
            return key.PublicKeyPem;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Dossier", ConnectionString);
        if (SigningKey is not null)
        {
            builder.UseSetting("Audit:SigningKey", SigningKey);
        }

        builder.UseSetting("Audit:CheckpointPageSize", CheckpointPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < TrustedKeys.Count; i++)
        {
            builder.UseSetting($"Audit:TrustedKeys:{i}", TrustedKeys[i]);
        }
    }

    public async Task<int> Sql(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return await command.ExecuteNonQueryAsync();
    }

    public async Task<T> Scalar<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public Task<IReadOnlyList<StoredEvent>> Stored(string stream) =>
        StoredEvents.OfStream(Services.GetRequiredService<NpgsqlDataSource>(), stream, CancellationToken.None);

    /// <summary>
    /// Rewrites every event's data (a changed summary) and reseals the whole stream with correctly recomputed hashes,
    /// as someone with write access to the database and this code could.
    /// </summary>
    public async Task RewriteConsistently(string stream)
    {
        string? previous = null;
        foreach (var stored in await Stored(stream))
        {
            var data = JsonNode.Parse(stored.Content.Data.GetRawText())!.AsObject();
            data["rewritten"] = true;
            var content = stored.Content with { Data = System.Text.Json.JsonElement.Parse(data.ToJsonString()) };
            previous = EventSeal.Hash(previous, content);
            await Sql(
                "update dossier.mt_events set data = $1::jsonb, headers = jsonb_set(headers, '{hash}', to_jsonb($2::text)) where stream_id = $3 and version = $4",
                data.ToJsonString(), previous, stream, content.Version);
        }
    }

    /// <summary>A dossier of <see cref="Procedure"/>, filed online, received and assigned: three events.</summary>
    public async Task<JsonObject> Dossier(ApiClient api, string idNumber)
    {
        var reception = await api.Staff("audit-reception", "reception", District);
        var dossier = await api.Submit(await api.Citizen(idNumber), Procedure);
        dossier = await api.Act(reception, dossier, "receive");
        return await api.Act(reception, dossier, "assign", new { assignee = "audit-officer" });
    }

    public async Task<JsonObject> Checkpoint(ApiClient api)
    {
        var auditor = await api.Staff("audit-auditor", "auditor", District);
        return await Expect(await api.Post("/api/v1/audit/checkpoints", auditor, null), HttpStatusCode.Created);
    }

    public async Task<JsonObject> Integrity(ApiClient api, string code)
    {
        var auditor = await api.Staff("audit-auditor", "auditor", District);
        return await Expect(await api.Get($"/api/v1/dossiers/{code}/integrity", auditor), HttpStatusCode.OK);
    }
}

[CollectionDefinition(Name)]
public sealed class TamperingCollection : ICollectionFixture<AuditFactory>
{
    public const string Name = "audit-tampering";
}

[CollectionDefinition(Name)]
public sealed class CheckpointCollection : ICollectionFixture<AuditFactory>
{
    public const string Name = "audit-checkpoints";
}
