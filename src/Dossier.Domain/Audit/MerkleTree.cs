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
        var root = new MerkleRoot();
        foreach (var head in heads.OrderBy(h => h.Stream, StringComparer.Ordinal))
        {
            root.Add(head);
        }

        return root.Value();
    }

    public static byte[] Leaf(StreamHead head) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"\0{head.Stream}\n{head.Version}\n{head.Hash}"));

    public static byte[] Node(byte[] left, byte[] right)
    {
        Span<byte> both = stackalloc byte[1 + left.Length + right.Length];
        both[0] = 1;
        left.CopyTo(both[1..]);
        right.CopyTo(both[(1 + left.Length)..]);
        return SHA256.HashData(both);
    }
}

/// <summary>
/// The root of <see cref="MerkleTree"/> built from heads that arrive already in stream order, keeping one
/// hash per level instead of every leaf, so a checkpoint over a million streams need not hold them all.
/// Pairing each level and carrying its odd node up yields the same tree as combining the complete
/// subtrees of 2^k leaves, largest first, from the right; that is what the pending list holds.
/// </summary>
public sealed class MerkleRoot
{
    private readonly List<(int Level, byte[] Hash)> pending = [];
    private string? lastStream;

    public long Streams { get; private set; }

    public long Events { get; private set; }

    public void Add(StreamHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (lastStream is not null && string.CompareOrdinal(lastStream, head.Stream) >= 0)
        {
            throw new ArgumentException(
                $"Stream heads must arrive in ordinal order of stream key, each stream once: {head.Stream} came after {lastStream}.", nameof(head));
        }

        lastStream = head.Stream;
        Streams++;
        Events += head.Version;
        var node = (Level: 0, Hash: MerkleTree.Leaf(head));
        while (pending.Count > 0 && pending[^1].Level == node.Level)
        {
            node = (node.Level + 1, MerkleTree.Node(pending[^1].Hash, node.Hash));
            pending.RemoveAt(pending.Count - 1);
        }

        pending.Add(node);
    }

    public string Value()
    {
        if (pending.Count == 0)
        {
            return Convert.ToHexStringLower(SHA256.HashData([]));
        }

        var root = pending[^1].Hash;
        for (var i = pending.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.Node(pending[i].Hash, root);
        }

        return Convert.ToHexStringLower(root);
    }
}
