using System.Text;
using Dossier.Api.Audit.Signing;
using Dossier.Domain.Audit;

namespace Dossier.Api.Audit.Checkpoints;

public sealed record CheckpointListItem(long Sequence, DateTimeOffset TakenAt, long Streams, long Events, string Root, string KeyId)
{
    public static CheckpointListItem From(StoredCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var s = checkpoint.Statement;
        return new CheckpointListItem(s.Sequence, s.TakenAt, s.Streams, s.Events, s.Root, s.KeyId);
    }
}

/// <summary>
/// A checkpoint as published: enough to check it with nothing but OpenSSL and the head set. <see cref="Statement"/>
/// is the exact text that was signed (UTF-8); the fields beside it repeat what it says.
/// </summary>
/// <param name="StatementSha256">The SHA-256 of <see cref="Statement"/>: what the next checkpoint names as its previous.</param>
/// <param name="Signature">The signature over <see cref="Statement"/>, base64 of its DER encoding.</param>
/// <param name="PublicKey">The PEM of the key that signed it, when that key is trusted here; compare it with the key published elsewhere.</param>
/// <param name="Heads">Where the head set is (NDJSON, one head per line, in the Merkle tree's order).</param>
public sealed record CheckpointDocument(
    long Sequence,
    DateTimeOffset TakenAt,
    long Streams,
    long Events,
    string Root,
    string? Previous,
    string KeyId,
    string Statement,
    string StatementSha256,
    string Signature,
    string Algorithm,
    string? PublicKey,
    string Heads)
{
    public static CheckpointDocument From(StoredCheckpoint checkpoint, AuditKeys keys)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(keys);
        var s = checkpoint.Statement;
        return new CheckpointDocument(
            s.Sequence, s.TakenAt, s.Streams, s.Events, s.Root, s.Previous, s.KeyId,
            Encoding.UTF8.GetString(s.SignedBytes()),
            s.Hash(),
            Convert.ToBase64String(checkpoint.Signature),
            CheckpointKey.Algorithm,
            keys.PublicKeyPem(s.KeyId),
            $"/api/v1/audit/checkpoints/{s.Sequence}/heads");
    }
}
