using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Dossier.Domain.Audit;

/// <summary>
/// What a checkpoint signs: the Merkle root of every stream's head at one moment, how many streams and events it
/// covers, and the hash of the statement before it, so that checkpoints form a chain of their own. The signed bytes
/// are the statement's canonical JSON (members in ordinal order, no whitespace, UTF-8); a verifier outside the
/// database rebuilds or simply reads them.
/// </summary>
public sealed record CheckpointStatement(
    long Sequence,
    DateTimeOffset TakenAt,
    long Streams,
    long Events,
    string Root,
    string? Previous,
    string KeyId)
{
    public const string Type = "dossier-audit-checkpoint.v1";

    /// <summary>The statement that follows <paramref name="previous"/>, taken at <paramref name="now"/> to the millisecond (PostgreSQL keeps microseconds, .NET ticks are finer).</summary>
    public static CheckpointStatement Next(CheckpointStatement? previous, DateTimeOffset now, MerkleRoot root, string keyId)
    {
        ArgumentNullException.ThrowIfNull(root);
        var utc = now.UtcTicks;
        return new CheckpointStatement(
            (previous?.Sequence ?? 0) + 1,
            new DateTimeOffset(utc - (utc % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            root.Streams,
            root.Events,
            root.Value(),
            previous?.Hash(),
            keyId);
    }

    public byte[] SignedBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("events", Events);
            writer.WriteString("keyId", KeyId);
            if (Previous is null)
            {
                writer.WriteNull("previous");
            }
            else
            {
                writer.WriteString("previous", Previous);
            }

            writer.WriteString("root", Root);
            writer.WriteNumber("sequence", Sequence);
            writer.WriteNumber("streams", Streams);
            writer.WriteString("takenAt", TakenAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("type", Type);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The SHA-256 of the signed bytes, lowercase hex: what the next statement names as its previous.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(SignedBytes()));
}
