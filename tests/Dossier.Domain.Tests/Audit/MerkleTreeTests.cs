using System.Security.Cryptography;
using Dossier.Domain.Audit;

namespace Dossier.Domain.Tests.Audit;

public class MerkleTreeTests
{
    [Fact]
    public void The_root_of_three_heads_pairs_the_first_two_and_carries_the_third_up()
    {
        var heads = Heads(3);

        var expected = MerkleTree.Node(MerkleTree.Node(MerkleTree.Leaf(heads[0]), MerkleTree.Leaf(heads[1])), MerkleTree.Leaf(heads[2]));

        Assert.Equal(Convert.ToHexStringLower(expected), MerkleTree.Root(heads));
    }

    [Fact]
    public void The_root_of_no_heads_is_the_hash_of_nothing() =>
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), MerkleTree.Root([]));

    [Fact]
    public void Heads_added_in_order_give_the_root_that_pairing_level_by_level_gives()
    {
        for (var count = 0; count <= 70; count++)
        {
            var heads = Heads(count);

            Assert.Equal(LevelByLevel(heads), MerkleTree.Root(heads));
        }
    }

    [Fact]
    public void The_root_does_not_depend_on_the_order_the_heads_are_given_in()
    {
        var heads = Heads(9);

        Assert.Equal(MerkleTree.Root(heads), MerkleTree.Root(heads.AsEnumerable().Reverse()));
    }

    [Fact]
    public void Any_changed_head_changes_the_root()
    {
        var heads = Heads(5);
        var changed = heads.Select((h, i) => i == 3 ? h with { Version = h.Version + 1 } : h);

        Assert.NotEqual(MerkleTree.Root(heads), MerkleTree.Root(changed));
    }

    [Fact]
    public void Adding_a_head_out_of_order_or_twice_is_refused()
    {
        var root = new MerkleRoot();
        root.Add(new StreamHead("b", 1, "00"));

        Assert.Throws<ArgumentException>(() => root.Add(new StreamHead("a", 1, "00")));
        Assert.Throws<ArgumentException>(() => root.Add(new StreamHead("b", 2, "00")));
    }

    [Fact]
    public void It_counts_the_streams_and_their_events()
    {
        var root = new MerkleRoot();
        foreach (var head in Heads(4))
        {
            root.Add(head);
        }

        Assert.Equal(4, root.Streams);
        Assert.Equal(1 + 2 + 3 + 4, root.Events);
    }

    private static List<StreamHead> Heads(int count) =>
        Enumerable.Range(0, count).Select(i => new StreamHead($"000.00.21.H08-261123-{i:0000}", i + 1, new string((char)('a' + (i % 6)), 64))).ToList();

    /// <summary>The construction as MerkleTree describes it, written the obvious way.</summary>
    private static string LevelByLevel(IReadOnlyList<StreamHead> heads)
    {
        if (heads.Count == 0)
        {
            return Convert.ToHexStringLower(SHA256.HashData([]));
        }

        var level = heads.Select(MerkleTree.Leaf).ToList();
        while (level.Count > 1)
        {
            level = level.Chunk(2).Select(pair => pair.Length == 2 ? MerkleTree.Node(pair[0], pair[1]) : pair[0]).ToList();
        }

        return Convert.ToHexStringLower(level[0]);
    }
}
