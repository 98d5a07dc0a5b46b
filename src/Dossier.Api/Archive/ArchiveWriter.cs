using System.Security.Cryptography;
using Dossier.Domain.Audit;

namespace Dossier.Api.Archive;

/// <summary>
/// Writes an archive folder: the events in the order given, split into parts of at most <c>partBytes</c>; then the
/// streams with their heads; then documents; then <c>manifest.json</c> with every file's SHA-256 and line count and
/// the Merkle root of the heads. Events must come in sequence order, so each stream's events come in version order.
/// A writer disposed before <see cref="Complete"/> deletes what it wrote: a folder never holds half an archive.
/// </summary>
public sealed class ArchiveWriter : IAsyncDisposable
{
    public const long DefaultPartBytes = 256L * 1024 * 1024;

    private readonly string folder;
    private readonly long partBytes;
    private readonly LineFormatter lines = new();
    private readonly List<ArchiveFile> files = [];
    private readonly Dictionary<string, (long Version, string? Hash)> heads = new(StringComparer.Ordinal);
    private readonly List<StreamHead> written = [];
    private OpenFile? events;
    private OpenFile? streams;
    private OpenFile? documents;
    private long eventCount;
    private long documentCount;
    private bool completed;

    /// <summary>Creates <paramref name="folder"/>; refuses one that already holds a manifest or archive files.</summary>
    public ArchiveWriter(string folder, long partBytes = DefaultPartBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partBytes, 1024);
        Directory.CreateDirectory(folder);
        if (Directory.EnumerateFiles(folder, "*.ndjson").Any() || File.Exists(Path.Combine(folder, ArchiveFiles.Manifest)))
        {
            throw new ArchiveException($"{folder} already holds an archive; export into an empty folder.");
        }

        this.folder = folder;
        this.partBytes = partBytes;
    }

    /// <param name="hash">The event's hash header, also inside <see cref="ArchivedEvent.Headers"/>: the stream's head once it is the last.</param>
    public void WriteEvent(in ArchivedEvent e, string? hash)
    {
        if (streams is not null)
        {
            throw new InvalidOperationException("Events come before streams.");
        }

        var expected = heads.TryGetValue(e.Stream, out var head) ? head.Version + 1 : 1;
        if (e.Version != expected)
        {
            throw new ArchiveException($"Stream {e.Stream}: version {e.Version} follows version {expected - 1}; events must come in sequence order.");
        }

        heads[e.Stream] = (e.Version, hash);
        var line = lines.Event(e);
        if (events is not null && events.Bytes > 0 && events.Bytes + line.Length > partBytes)
        {
            Close(ref events);
        }

        events ??= Open(ArchiveFiles.EventPart(files.Count(f => f.Kind == ArchiveFileKind.Events) + 1), ArchiveFileKind.Events);
        events.Write(line);
        eventCount++;
    }

    /// <summary>Streams in any order; each must have had all its events written, up to its version.</summary>
    public void WriteStream(in ArchivedStream s)
    {
        Close(ref events);
        if (!heads.TryGetValue(s.Stream, out var head) || head.Version != s.Version)
        {
            throw new ArchiveException(
                $"Stream {s.Stream} is at version {s.Version} but {(head.Version == 0 ? "no event of it" : $"events up to version {head.Version}")} were written.");
        }

        streams ??= Open(ArchiveFiles.Streams, ArchiveFileKind.Streams);
        streams.Write(lines.Stream(s, head.Hash));
        written.Add(new StreamHead(s.Stream, s.Version, head.Hash ?? ""));
    }

    /// <summary>Documents of one kind after another: a new kind closes the previous kind's file.</summary>
    public void WriteDocument(ArchivedDocuments.Kind kind, string id, string data)
    {
        Close(ref events);
        Close(ref streams);
        if (documents is not null && documents.DocumentType != kind.Name)
        {
            Close(ref documents);
        }

        documents ??= Open(ArchiveFiles.Documents(kind.Name), ArchiveFileKind.Documents, kind.Name);
        documents.Write(lines.Document(id, data));
        documentCount++;
    }

    /// <summary>Closes every file and writes the manifest; every stream that has events must have been written.</summary>
    public async Task<ArchiveManifest> Complete(DateTimeOffset exportedAt, long sourceHighestSequence, CancellationToken ct, Domain.Audit.CheckpointKey? signer = null)
    {
        Close(ref events);
        Close(ref streams);
        Close(ref documents);
        if (written.Count != heads.Count)
        {
            var missing = heads.Keys.Except(written.Select(h => h.Stream), StringComparer.Ordinal).First();
            throw new ArchiveException($"Stream {missing} has events but no stream row ({heads.Count - written.Count} such streams).");
        }

        var manifest = new ArchiveManifest
        {
            ExportedAt = exportedAt,
            SourceHighestSequence = sourceHighestSequence,
            Counts = new ArchiveCounts(written.Count, eventCount, documentCount),
            Files = files,
            MerkleRoot = MerkleTree.Root(written),
        };
        if (signer is { CanSign: true })
        {
            manifest = manifest with
            {
                Signature = new ArchiveSignature(
                    Domain.Audit.CheckpointKey.Algorithm, signer.Id, Convert.ToBase64String(signer.Sign(manifest.SignedBytes())), exportedAt),
            };
        }

        await manifest.Write(folder, ct);
        completed = true;
        return manifest;
    }

    public ValueTask DisposeAsync()
    {
        events?.Dispose();
        streams?.Dispose();
        documents?.Dispose();
        if (!completed)
        {
            foreach (var name in files.Select(f => f.Name).Concat(new[] { events, streams, documents }.OfType<OpenFile>().Select(f => f.Name)).Append(ArchiveFiles.Manifest))
            {
                File.Delete(Path.Combine(folder, name));
            }
        }

        return ValueTask.CompletedTask;
    }

    private OpenFile Open(string name, ArchiveFileKind kind, string? documentType = null) =>
        new(Path.Combine(folder, name), name, kind, documentType);

    private void Close(ref OpenFile? file)
    {
        if (file is null)
        {
            return;
        }

        files.Add(file.Finish());
        file = null;
    }

    private sealed class OpenFile : IDisposable
    {
        private readonly FileStream stream;
        private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly ArchiveFileKind kind;
        private long lines;

        public OpenFile(string path, string name, ArchiveFileKind kind, string? documentType)
        {
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 20);
            Name = name;
            this.kind = kind;
            DocumentType = documentType;
        }

        public string Name { get; }

        public string? DocumentType { get; }

        public long Bytes { get; private set; }

        public void Write(ReadOnlySpan<byte> line)
        {
            stream.Write(line);
            sha.AppendData(line);
            Bytes += line.Length;
            lines++;
        }

        public ArchiveFile Finish()
        {
            stream.Flush(flushToDisk: true);
            var file = new ArchiveFile(Name, kind, Convert.ToHexStringLower(sha.GetHashAndReset()), lines, Bytes, DocumentType);
            Dispose();
            return file;
        }

        public void Dispose()
        {
            stream.Dispose();
            sha.Dispose();
        }
    }
}
