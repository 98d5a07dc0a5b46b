using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Dossier.Api.Audit;
using Dossier.Api.Dossiers;
using Dossier.Api.Hosting;
using Dossier.Domain.Audit;
using Npgsql;

namespace Dossier.Api.Archive;

/// <summary>
/// Re-hashes every chain from the rows PostgreSQL holds, read back by one binary COPY in sequence order: the order the
/// import loaded them in, so PostgreSQL walks the primary key over the table front to back without a sort, sends jsonb
/// as its text, and the client hashes the bytes as they arrive (<see cref="EventHasher"/>), without building strings or
/// documents. The rows are dealt out by stream to one hasher per core; each keeps, per stream, the version and hash
/// reached so far.
/// </summary>
/// <remarks>
/// It only ever accepts what <see cref="EventSeal.Verify"/> over <see cref="StoredEvents.AllStreams"/> accepts: a stream
/// whose events arrive as versions 1, 2, … n, each hashing to its stored hash from its predecessor's, is the same list of
/// events in version order, and the hash is the same function of the same bytes. The order is therefore never trusted,
/// only used: anything else (a break, a stream whose versions arrive out of order, headers of an
/// unexpected shape) makes it answer that it could not vouch for the store, and the caller asks the stream-by-stream
/// check for the verdict and its reasons.
/// </remarks>
internal static class StoredChains
{
    private const short Columns = 7;
    private const int BatchBytes = 256 * 1024;

    private static readonly byte[] CopySignature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    /// <summary>The head of every stream when every chain holds read in sequence order; null otherwise.</summary>
    public static async Task<IReadOnlyList<StreamHead>?> Heads(NpgsqlConnection connection, Action advanced, CancellationToken ct)
    {
        // Without statistics yet, the planner would rather sort the table than walk its primary key.
        await using (var inKeyOrder = new NpgsqlCommand("set local enable_sort = off", connection))
        {
            await inKeyOrder.ExecuteNonQueryAsync(ct);
        }

        var hashers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new ChainHasher()).ToArray();
        var queues = hashers.Select(_ => Channel.CreateBounded<Batch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true })).ToArray();
        var hashing = hashers.Select((hasher, i) => Task.Run(async () =>
        {
            await foreach (var batch in queues[i].Reader.ReadAllAsync(ct))
            {
                hasher.Check(batch.Rows);
                batch.Return();
            }
        }, ct)).ToArray();

        try
        {
            await using var copy = await connection.BeginRawBinaryCopyAsync(
                $"""
                 copy (select stream_id, version, type, data, headers, correlation_id, causation_id from {StoreSetup.Schema}.mt_events
                       where stream_id <> '{StoredEvents.MartenTombstones}' order by seq_id) to stdout (format binary)
                 """, ct);
            var batches = queues.Select(_ => new Batch(BatchBytes)).ToArray();
            await foreach (var (rows, rowCount) in RowBlocks(copy, ct))
            {
                var remaining = rows;
                for (var i = 0; i < rowCount; i++)
                {
                    var length = RowLength(remaining.Span);
                    var row = remaining[..length];
                    remaining = remaining[length..];
                    var queue = Partition(row.Span, queues.Length);
                    if (!batches[queue].TryAdd(row.Span))
                    {
                        await queues[queue].Writer.WriteAsync(batches[queue], ct);
                        batches[queue] = new Batch(Math.Max(BatchBytes, length));
                        batches[queue].TryAdd(row.Span);
                    }

                    advanced();
                }
            }

            for (var i = 0; i < queues.Length; i++)
            {
                await queues[i].Writer.WriteAsync(batches[i], ct);
            }
        }
        finally
        {
            foreach (var queue in queues)
            {
                queue.Writer.TryComplete();
            }

            await Task.WhenAll(hashing);
        }

        return hashers.All(h => h.Holds) ? hashers.SelectMany(h => h.Heads()).ToList() : null;
    }

    /// <summary>Blocks of whole rows as they arrive, each with how many rows it holds; the buffer is reused after each block.</summary>
    private static async IAsyncEnumerable<(ReadOnlyMemory<byte> Rows, int Count)> RowBlocks(
        Stream copy, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var buffer = new byte[1 << 20];
        int start = 0, end = 0;
        var headerRead = false;
        while (true)
        {
            var read = await copy.ReadAsync(buffer.AsMemory(end), ct);
            end += read;
            if (!headerRead)
            {
                if (end < CopySignature.Length + 8)
                {
                    if (read == 0)
                    {
                        throw new ArchiveException("The stored events could not be read back: the COPY ended before its header.");
                    }

                    continue;
                }

                if (!buffer.AsSpan(0, CopySignature.Length).SequenceEqual(CopySignature))
                {
                    throw new ArchiveException("The stored events could not be read back: not PostgreSQL's binary COPY format.");
                }

                var extension = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(CopySignature.Length + 4));
                start = CopySignature.Length + 8 + extension;
                headerRead = true;
            }

            var (whole, count, ended) = WholeRows(buffer.AsSpan(start, end - start));
            if (count > 0)
            {
                yield return (buffer.AsMemory(start, whole), count);
                start += whole;
            }

            if (ended)
            {
                yield break;
            }

            if (read == 0)
            {
                throw new ArchiveException("The stored events could not be read back: the COPY ended in the middle of a row.");
            }

            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }

    /// <summary>How many bytes of whole rows the span begins with, how many rows, and whether the trailer follows them.</summary>
    private static (int Bytes, int Count, bool Ended) WholeRows(ReadOnlySpan<byte> data)
    {
        int offset = 0, count = 0;
        while (data.Length - offset >= 2)
        {
            var fields = BinaryPrimitives.ReadInt16BigEndian(data[offset..]);
            if (fields == -1)
            {
                return (offset, count, true);
            }

            if (fields != Columns)
            {
                throw new ArchiveException($"The stored events could not be read back: a row of {fields} columns.");
            }

            var position = offset + 2;
            var whole = true;
            for (var field = 0; field < Columns && whole; field++)
            {
                if (data.Length - position < 4)
                {
                    whole = false;
                    break;
                }

                var length = BinaryPrimitives.ReadInt32BigEndian(data[position..]);
                position += 4 + Math.Max(length, 0);
                whole = position <= data.Length;
            }

            if (!whole)
            {
                break;
            }

            offset = position;
            count++;
        }

        return (offset, count, false);
    }

    private static int RowLength(ReadOnlySpan<byte> rows)
    {
        var position = 2;
        for (var field = 0; field < Columns; field++)
        {
            position += 4 + Math.Max(BinaryPrimitives.ReadInt32BigEndian(rows[position..]), 0);
        }

        return position;
    }

    /// <summary>Every row of a stream goes to the same hasher, so that each sees its streams' events in sequence order.</summary>
    private static int Partition(ReadOnlySpan<byte> row, int queues)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(row[2..]);
        var hash = new HashCode();
        hash.AddBytes(row.Slice(6, Math.Max(length, 0)));
        return (int)((uint)hash.ToHashCode() % (uint)queues);
    }

    /// <summary>Rows copied into a pooled buffer on their way to a hasher.</summary>
    private sealed class Batch(int capacity)
    {
        private byte[]? buffer = ArrayPool<byte>.Shared.Rent(capacity);
        private int used;

        public ReadOnlySpan<byte> Rows => buffer.AsSpan(0, used);

        public bool TryAdd(ReadOnlySpan<byte> row)
        {
            if (used + row.Length > buffer!.Length)
            {
                return false;
            }

            row.CopyTo(buffer.AsSpan(used));
            used += row.Length;
            return true;
        }

        public void Return()
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = null;
            }
        }
    }

    /// <summary>The chains of the streams dealt to one core.</summary>
    private sealed class ChainHasher
    {
        private readonly EventHasher hasher = new();
        private readonly Dictionary<string, StreamChain> chains = new(StringComparer.Ordinal);
        private byte[] unescaped = new byte[1024];

        public bool Holds { get; private set; } = true;

        public IEnumerable<StreamHead> Heads() =>
            chains.Select(c => new StreamHead(c.Key, c.Value.Version, Encoding.ASCII.GetString(c.Value.Head)));

        public void Check(ReadOnlySpan<byte> rows)
        {
            var lookup = chains.GetAlternateLookup<ReadOnlySpan<char>>();
            Span<byte> computed = stackalloc byte[EventHasher.HashLength];
            Span<char> key = stackalloc char[256];
            while (Holds && !rows.IsEmpty)
            {
                rows = rows[2..];
                var stream = Field(ref rows);
                var version = BinaryPrimitives.ReadInt64BigEndian(Field(ref rows));
                var type = Field(ref rows);
                var data = Jsonb(Field(ref rows, out _));
                var headers = Field(ref rows, out var hasHeaders);
                var correlation = Optional(ref rows);
                var causation = Optional(ref rows);
                if (stream.Length > key.Length || data.IsEmpty)
                {
                    Holds = false;
                    return;
                }

                var name = key[..Encoding.UTF8.GetChars(stream, key)];
                if (!lookup.TryGetValue(name, out var chain))
                {
                    chain = new StreamChain();
                    lookup[name] = chain;
                }

                Utf8Field actor = default, role = default, agency = default, stored = default;
                if (version != chain.Version + 1
                    || (hasHeaders && !ReadHeaders(Jsonb(headers), ref actor, ref role, ref agency, ref stored))
                    || !stored.HasValue)
                {
                    Holds = false;
                    return;
                }

                hasher.Hash(chain.Version == 0 ? default : new Utf8Field(chain.Head),
                    new SealedEventUtf8(stream, version, type, data, actor, role, agency, correlation, causation), computed);
                if (!computed.SequenceEqual(stored.Value))
                {
                    Holds = false;
                    return;
                }

                computed.CopyTo(chain.Head);
                chain.Version = version;
            }
        }

        /// <summary>
        /// The actor, role, agency and hash headers, each a string or absent; false for any other shape, which the
        /// stream-by-stream check reads as <see cref="StreamSealing.Text"/> does.
        /// </summary>
        private bool ReadHeaders(scoped ReadOnlySpan<byte> json, ref Utf8Field actor, ref Utf8Field role, ref Utf8Field agency, ref Utf8Field hash)
        {
            if (json.IsEmpty)
            {
                return false;
            }

            if (unescaped.Length < json.Length)
            {
                unescaped = new byte[json.Length * 2];
            }

            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return reader.TokenType == JsonTokenType.Null;
            }

            var used = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ref var header = ref actor;
                if (reader.ValueTextEquals(EventHeaders.Actor))
                {
                    header = ref actor;
                }
                else if (reader.ValueTextEquals(EventHeaders.Role))
                {
                    header = ref role;
                }
                else if (reader.ValueTextEquals(EventHeaders.Agency))
                {
                    header = ref agency;
                }
                else if (reader.ValueTextEquals(EventSeal.Header))
                {
                    header = ref hash;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                reader.Read();
                if (header.HasValue || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    var written = reader.CopyString(unescaped.AsSpan(used));
                    header = new Utf8Field(unescaped.AsSpan(used, written));
                    used += written;
                }
            }

            return true;
        }

        private static ReadOnlySpan<byte> Field(ref ReadOnlySpan<byte> row) => Field(ref row, out _);

        private static ReadOnlySpan<byte> Field(ref ReadOnlySpan<byte> row, out bool present)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(row);
            present = length >= 0;
            var value = present ? row.Slice(4, length) : default;
            row = row[(4 + Math.Max(length, 0))..];
            return value;
        }

        private static Utf8Field Optional(ref ReadOnlySpan<byte> row)
        {
            var value = Field(ref row, out var present);
            return present ? new Utf8Field(value) : default;
        }

        /// <summary>jsonb's binary form is a version byte (1) and the JSON text; empty for anything else.</summary>
        private static ReadOnlySpan<byte> Jsonb(ReadOnlySpan<byte> value) => value.Length > 1 && value[0] == 1 ? value[1..] : default;
    }

    private sealed class StreamChain
    {
        public long Version { get; set; }

        public byte[] Head { get; } = new byte[EventHasher.HashLength];
    }
}
