using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dossier.Api.Archive;

/// <summary>
/// <c>manifest.json</c> of an archive folder: what the archive holds, each file's SHA-256 and line count, and the Merkle
/// root over the stream heads (the heads themselves are the lines of <see cref="ArchiveFiles.Streams"/>).
/// </summary>
public sealed record ArchiveManifest
{
    public const string FormatName = "dossier-archive";
    public const int CurrentFormatVersion = 1;

    public string Format { get; init; } = FormatName;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required DateTimeOffset ExportedAt { get; init; }

    /// <summary>The largest event sequence number of the source when the snapshot was taken.</summary>
    public required long SourceHighestSequence { get; init; }

    public required ArchiveCounts Counts { get; init; }

    public required IReadOnlyList<ArchiveFile> Files { get; init; }

    /// <summary><see cref="Domain.Audit.MerkleTree.Root"/> over every stream's (key, version, head hash).</summary>
    public required string MerkleRoot { get; init; }

    /// <summary>
    /// The audit signing key's signature over <see cref="SignedBytes"/>, so that the file hashes, the counts and the
    /// Merkle root are vouched for by one signature; absent when the exporting host has no signing key.
    /// </summary>
    public ArchiveSignature? Signature { get; init; }

    /// <summary>What the signature covers: the canonical JSON of this manifest without its signature.</summary>
    public byte[] SignedBytes() =>
        Domain.Audit.CanonicalJson.Encode(JsonSerializer.SerializeToElement(this with { Signature = null }, Json));

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<ArchiveManifest> Read(string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, ArchiveFiles.Manifest);
        if (!File.Exists(path))
        {
            throw new ArchiveException($"{path} does not exist: not an archive folder.");
        }

        ArchiveManifest? manifest;
        await using (var stream = File.OpenRead(path))
        {
            try
            {
                manifest = await JsonSerializer.DeserializeAsync<ArchiveManifest>(stream, Json, ct);
            }
            catch (JsonException e)
            {
                throw new ArchiveException($"{path} is not a readable manifest: {e.Message}");
            }
        }

        if (manifest is null || manifest.Format != FormatName)
        {
            throw new ArchiveException($"{path} is not a {FormatName} manifest.");
        }

        if (manifest.FormatVersion != CurrentFormatVersion)
        {
            throw new ArchiveException($"{path} is format version {manifest.FormatVersion}; this version reads {CurrentFormatVersion} only.");
        }

        return manifest;
    }

    public async Task Write(string folder, CancellationToken ct)
    {
        await using var stream = File.Create(Path.Combine(folder, ArchiveFiles.Manifest));
        await JsonSerializer.SerializeAsync(stream, this, Json, ct);
    }
}

public sealed record ArchiveCounts(long Streams, long Events, long Documents);

public enum ArchiveFileKind
{
    Events,
    Streams,
    Documents,
}

/// <param name="DocumentType">For documents: which kind (<see cref="ArchivedDocuments"/>).</param>
public sealed record ArchiveFile(string Name, ArchiveFileKind Kind, string Sha256, long Lines, long Bytes, string? DocumentType = null);

/// <summary>A signature over the manifest; how it is made and checked belongs to the audit signer.</summary>
public sealed record ArchiveSignature(string Algorithm, string KeyId, string Value, DateTimeOffset SignedAt);

/// <summary>File names inside an archive folder.</summary>
public static class ArchiveFiles
{
    public const string Manifest = "manifest.json";
    public const string Streams = "streams.ndjson";

    public static string EventPart(int number) => $"events-{number:D5}.ndjson";

    public static string Documents(string documentType) => $"documents-{documentType}.ndjson";
}

/// <summary>An archive that cannot be written or read as asked, or a target that refuses it; the message says why.</summary>
public sealed class ArchiveException(string message) : Exception(message);
