using System.Security.Cryptography;

namespace Dossier.Api.Archive;

/// <summary>An archive folder as the import reads it: its manifest, checked against the files before anything is written.</summary>
public sealed class ArchiveFolder
{
    private ArchiveFolder(string path, ArchiveManifest manifest)
    {
        Path = path;
        Manifest = manifest;
    }

    public string Path { get; }

    public ArchiveManifest Manifest { get; }

    public IEnumerable<ArchiveFile> EventParts => Manifest.Files.Where(f => f.Kind == ArchiveFileKind.Events);

    public ArchiveFile? Streams => Manifest.Files.SingleOrDefault(f => f.Kind == ArchiveFileKind.Streams);

    public IEnumerable<ArchiveFile> Documents => Manifest.Files.Where(f => f.Kind == ArchiveFileKind.Documents);

    public string PathOf(ArchiveFile file) => System.IO.Path.Combine(Path, file.Name);

    /// <summary>Reads the manifest and checks that every file it lists is there with its size, SHA-256 and line count.</summary>
    public static async Task<ArchiveFolder> Open(string path, Action<string> progress, CancellationToken ct)
    {
        var manifest = await ArchiveManifest.Read(path, ct);
        var folder = new ArchiveFolder(path, manifest);
        if (manifest.Files.Count(f => f.Kind == ArchiveFileKind.Streams) > 1
            || manifest.Files.Any(f => f.Name != System.IO.Path.GetFileName(f.Name)))
        {
            throw new ArchiveException("The manifest lists more than one streams file, or a file outside the archive folder.");
        }

        var total = manifest.Files.Sum(f => f.Bytes);
        var meter = new ProgressMeter("import: checking file hashes (bytes)", total, progress);
        var files = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
        await Parallel.ForEachAsync(manifest.Files, files, (file, fileCt) =>
        {
            var (sha, lines, bytes) = Digest(folder.PathOf(file), meter, fileCt);
            if (bytes != file.Bytes || sha != file.Sha256 || lines != file.Lines)
            {
                throw new ArchiveException(
                    $"{file.Name} does not match the manifest (manifest: {file.Bytes:N0} bytes, {file.Lines:N0} lines, SHA-256 {file.Sha256}; "
                    + $"file: {bytes:N0} bytes, {lines:N0} lines, SHA-256 {sha}). Nothing was imported.");
            }

            return ValueTask.CompletedTask;
        });

        meter.Done();
        var events = folder.EventParts.Sum(f => f.Lines);
        if (events != manifest.Counts.Events || (folder.Streams?.Lines ?? 0) != manifest.Counts.Streams)
        {
            throw new ArchiveException(
                $"The manifest counts {manifest.Counts.Events:N0} events and {manifest.Counts.Streams:N0} streams, its files hold {events:N0} and {folder.Streams?.Lines ?? 0:N0}.");
        }

        return folder;
    }

    private static (string Sha, long Lines, long Bytes) Digest(string path, ProgressMeter meter, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new ArchiveException($"{path} is listed in the manifest but missing. Nothing was imported.");
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        long lines = 0, bytes = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            var chunk = buffer.AsSpan(0, read);
            sha.AppendData(chunk);
            lines += chunk.Count((byte)'\n');
            bytes += read;
            lock (meter)
            {
                meter.Advance(read);
            }
        }

        return (Convert.ToHexStringLower(sha.GetHashAndReset()), lines, bytes);
    }
}

/// <summary>Reads an NDJSON file line by line into one reused buffer; a line is valid until the next read.</summary>
internal sealed class LineReader(string path) : IDisposable
{
    private readonly FileStream file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    private byte[] buffer = new byte[1 << 20];
    private int start;
    private int end;
    private bool endOfFile;

    public long LineNumber { get; private set; }

    public bool TryRead(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = buffer.AsSpan(start, newline);
                start += newline + 1;
                LineNumber++;
                return true;
            }

            if (endOfFile)
            {
                line = buffer.AsSpan(start, end - start);
                start = end;
                if (line.IsEmpty)
                {
                    return false;
                }

                LineNumber++;
                return true;
            }

            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = file.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                endOfFile = true;
            }

            end += read;
        }
    }

    public ArchiveException Error(string what) => new($"{System.IO.Path.GetFileName(path)}, line {LineNumber}: {what}");

    public void Dispose() => file.Dispose();
}
