using System.Buffers.Binary;
using System.Text;

namespace Dossier.Api.Archive;

/// <summary>
/// Encodes rows in PostgreSQL's binary COPY format straight from the bytes of archive lines, onto Npgsql's raw binary
/// COPY stream. Npgsql's typed importer would turn every JSON value into a .NET string and back into UTF-8; on the
/// bulk-load path that round trip would cost more client CPU than the rest of the import.
/// </summary>
public sealed class BinaryCopyWriter(Stream copy, int bufferBytes = 1 << 20)
{
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private byte[] buffer = new byte[bufferBytes];
    private int used;
    private bool started;

    public long BytesWritten { get; private set; }

    public void StartRow(short fields)
    {
        if (!started)
        {
            started = true;
            var header = Reserve(19);
            Signature.CopyTo(header);
            BinaryPrimitives.WriteInt32BigEndian(header[11..], 0);
            BinaryPrimitives.WriteInt32BigEndian(header[15..], 0);
        }

        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), fields);
    }

    public void Null() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

    public void Int64(long value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
    }

    public void Uuid(Guid value)
    {
        var span = Reserve(20);
        BinaryPrimitives.WriteInt32BigEndian(span, 16);
        value.TryWriteBytes(span[4..], bigEndian: true, out _);
    }

    /// <summary>timestamptz: microseconds since 2000-01-01 UTC.</summary>
    public void Timestamp(DateTimeOffset value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], (value.UtcTicks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);
    }

    /// <summary>text, varchar: the UTF-8 bytes.</summary>
    public void Text(ReadOnlySpan<byte> utf8)
    {
        var span = Reserve(4 + utf8.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, utf8.Length);
        utf8.CopyTo(span[4..]);
    }

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        var span = Reserve(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        Encoding.UTF8.GetBytes(value, span[4..]);
    }

    /// <summary>jsonb: format version 1, then the JSON text; the server parses it.</summary>
    public void Jsonb(ReadOnlySpan<byte> utf8Json)
    {
        var span = Reserve(5 + utf8Json.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, 1 + utf8Json.Length);
        span[4] = 1;
        utf8Json.CopyTo(span[5..]);
    }

    /// <summary>Ends the data (the trailer) and sends what is buffered.</summary>
    public void Complete()
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        Flush();
    }

    private Span<byte> Reserve(int bytes)
    {
        if (used + bytes > buffer.Length)
        {
            Flush();
            if (bytes > buffer.Length)
            {
                buffer = new byte[bytes];
            }
        }

        var span = buffer.AsSpan(used, bytes);
        used += bytes;
        return span;
    }

    private void Flush()
    {
        copy.Write(buffer, 0, used);
        BytesWritten += used;
        used = 0;
    }
}
