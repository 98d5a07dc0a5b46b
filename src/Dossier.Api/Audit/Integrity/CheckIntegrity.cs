using System.Text.Json.Serialization;
using Dossier.Api.Audit.Checkpoints;
using Dossier.Api.Audit.Signing;
using Dossier.Api.Dossiers;
using Dossier.Api.Problems;
using Dossier.Domain.Audit;
using Mediator;
using Npgsql;

namespace Dossier.Api.Audit.Integrity;

/// <param name="Matches">Whether the dossier's event at <paramref name="Version"/> carries the head hash the checkpoint signed.</param>
/// <param name="SignatureValid">Whether a trusted key verifies the checkpoint's signature.</param>
public sealed record CheckpointAgreement(long Sequence, long Version, bool Matches, bool SignatureValid);

/// <summary>API.md section 8: whether a dossier's history is as it was written.</summary>
/// <param name="Events">How many events held before the first break (all of them when valid).</param>
public sealed record IntegrityView(
    bool Valid,
    long Events,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? BrokenAtVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CheckpointAgreement? Checkpoint);

public sealed record CheckIntegrity(string Code) : IRequest<IntegrityView>;

/// <summary>
/// Recomputes the dossier's chain from the raw rows and checks it against the latest signed checkpoint that holds
/// the dossier. A dossier without events that a checkpoint holds is reported gone, not unknown.
/// </summary>
public sealed class CheckIntegrityHandler(NpgsqlDataSource dataSource, AuditKeys keys) : IRequestHandler<CheckIntegrity, IntegrityView>
{
    public async ValueTask<IntegrityView> Handle(CheckIntegrity request, CancellationToken cancellationToken)
    {
        var code = DossierAccess.ParseCode(request.Code).ToString();
        var events = await StoredEvents.OfStream(dataSource, code, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var latest = await CheckpointStore.Latest(connection, cancellationToken);
        var signed = latest is null ? null : await CheckpointStore.HeadOf(connection, latest.Statement.Sequence, code, cancellationToken);
        if (events.Count == 0 && signed is null)
        {
            throw ProblemException.NotFound($"Dossier {request.Code}");
        }

        var check = StreamIntegrity.Check(
            events.Select(e => (e.Content, e.StoredHash)).ToList(),
            signed is null ? null : new CheckpointedHead(latest!.Statement.Sequence, signed));
        if (check.Checkpoint is not { } match)
        {
            return new IntegrityView(check.Valid, check.Events, check.BrokenAtVersion, check.Reason, null);
        }

        var signatureProblem = keys.SignatureProblem(latest!.Statement, latest.Signature);
        var agreement = new CheckpointAgreement(match.Sequence, match.Version, match.Matches, signatureProblem is null);
        return signatureProblem is not null && check.Valid
            ? new IntegrityView(false, check.Events, null, $"the chain holds, but signed checkpoint {match.Sequence} cannot be believed: {signatureProblem}", agreement)
            : new IntegrityView(check.Valid, check.Events, check.BrokenAtVersion, check.Reason, agreement);
    }
}
