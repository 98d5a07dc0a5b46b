using System.Text;
using System.Text.Json;
using Dossier.Api.Audit.Checkpoints;
using Dossier.Api.Audit.Integrity;
using Dossier.Api.Audit.Signing;
using Dossier.Api.Auth;
using Dossier.Api.Problems;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Dossier.Api.Audit;

/// <summary>
/// API.md section 8 for auditors: whether a dossier's history is intact, and signed checkpoints of the whole store,
/// taken on demand and exported with their head sets so that anyone can check them outside the database.
/// </summary>
public static class AuditApi
{
    public const string NdJson = "application/x-ndjson";

    private static readonly JsonSerializerOptions HeadJson = new(JsonSerializerDefaults.Web);

    public static void MapAuditApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/dossiers/{code}/integrity", Integrity).RequireAuthorization(Policies.AuditorOrAdmin).WithTags("Audit")
            .WithSummary("Recomputes the dossier's hash chain from the stored events and checks it against the latest signed checkpoint.");

        var checkpoints = api.MapGroup("/audit/checkpoints").WithTags("Audit").RequireAuthorization(Policies.AuditorOrAdmin);
        checkpoints.MapPost("", Take)
            .WithSummary("Signs a checkpoint now: the Merkle root of every stream's head, chained to the previous checkpoint.");
        checkpoints.MapGet("", List)
            .WithSummary("Every checkpoint, newest first.");
        checkpoints.MapGet("/{sequence:long}", Get)
            .WithSummary("The signed statement: the exact signed text, signature, key id and public key.");
        checkpoints.MapGet("/{sequence:long}/heads", Heads)
            .Produces(StatusCodes.Status200OK, typeof(string), NdJson)
            .WithSummary("The checkpoint's full head set as NDJSON, one {stream, version, hash} per line, in the Merkle tree's order.");
    }

    private static async Task<IntegrityView> Integrity(string code, HttpContext http, IMediator mediator, Dossiers.Reading.DossierReadLog readLog, CancellationToken ct)
    {
        var integrity = await mediator.Send(new CheckIntegrity(code), ct);
        await readLog.Record(http.User.ToActor(), Dossiers.DossierAccess.ParseCode(code).ToString(), Dossiers.Reading.DossierReadLog.Kinds.Integrity, ct);
        return integrity;
    }

    private static async Task<Created<CheckpointDocument>> Take(IMediator mediator, AuditKeys keys, CancellationToken ct)
    {
        var checkpoint = await mediator.Send(new TakeCheckpoint(), ct);
        return TypedResults.Created($"/api/v1/audit/checkpoints/{checkpoint.Statement.Sequence}", CheckpointDocument.From(checkpoint, keys));
    }

    private static async Task<List<CheckpointListItem>> List(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await CheckpointStore.All(connection, newestFirst: true, ct).Select(CheckpointListItem.From).ToListAsync(ct);
    }

    private static async Task<CheckpointDocument> Get(long sequence, NpgsqlDataSource dataSource, AuditKeys keys, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return CheckpointDocument.From(await Find(connection, sequence, ct), keys);
    }

    private static async Task Heads(long sequence, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await Find(connection, sequence, ct);
        http.Response.ContentType = NdJson;
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        writer.NewLine = "\n";
        await foreach (var head in CheckpointStore.HeadsOf(connection, sequence, ct))
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(head, HeadJson));
        }
    }

    private static async Task<StoredCheckpoint> Find(NpgsqlConnection connection, long sequence, CancellationToken ct) =>
        await CheckpointStore.Find(connection, sequence, ct) ?? throw ProblemException.NotFound($"Checkpoint {sequence}");
}
