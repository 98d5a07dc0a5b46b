using System.Security.Cryptography;
using System.Text;

namespace Dossier.Domain.Audit;

/// <summary>The last event of one stream as a checkpoint records it.</summary>
public sealed record StreamHead(string Stream, long Version, string Hash);

/// <summary>
/// A Merkle root over every stream's head, in ordinal order of stream key. Leaves and inner nodes are
/// hashed with different prefixes (RFC 6962) so that a leaf can never pass for a node; an odd node is
/// carried up unchanged. The root of no streams is the hash of nothing.
/// </summary>
public static class MerkleTree
{
    public static string Root(IEnumerable<StreamHead> heads)
    {
        var level = heads
            .OrderBy(h => h.Stream, StringComparer.Ordinal)
            .Select(Leaf)
            .ToList();
        if (level.Count == 0)
        {
            return Convert.ToHexStringLower(SHA256.HashData([]));
        }

        while (level.Count > 1)
        {
            var next = new List<byte[]>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
            {
                next.Add(i + 1 < level.Count ? Node(level[i], level[i + 1]) : level[i]);
            }

            level = next;
        }

        return Convert.ToHexStringLower(level[0]);
    }

    public static byte[] Leaf(StreamHead head) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"\0{head.Stream}\n{head.Version}\n{head.Hash}"));

    private static byte[] Node(byte[] left, byte[] right)
    {
        Span<byte> both = stackalloc byte[1 + left.Length + right.Length];
        both[0] = 1;
        left.CopyTo(both[1..]);
        right.CopyTo(both[(1 + left.Length)..]);
        return SHA256.HashData(both);
    }
}
