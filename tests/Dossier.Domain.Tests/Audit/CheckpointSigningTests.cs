using System.Security.Cryptography;
using System.Text;
using Dossier.Domain.Audit;

namespace Dossier.Domain.Tests.Audit;

public class CheckpointSigningTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 24, 1, 0, 0, 123, TimeSpan.FromHours(7)).AddTicks(4567);

    [Fact]
    public void The_signed_bytes_are_the_canonical_json_of_the_statement()
    {
        var statement = new CheckpointStatement(3, new DateTimeOffset(2026, 11, 23, 18, 0, 0, 5, TimeSpan.Zero), 2, 9, "ab", "cd", "ef");

        Assert.Equal(
            """{"events":9,"keyId":"ef","previous":"cd","root":"ab","sequence":3,"streams":2,"takenAt":"2026-11-23T18:00:00.005Z","type":"dossier-audit-checkpoint.v1"}""",
            Encoding.UTF8.GetString(statement.SignedBytes()));
    }

    [Fact]
    public void The_first_statement_has_no_previous_and_the_next_names_its_hash()
    {
        var root = new MerkleRoot();
        root.Add(new StreamHead("a", 4, "11"));

        var first = CheckpointStatement.Next(null, Now, root, "key");
        var second = CheckpointStatement.Next(first, Now.AddDays(1), root, "key");

        Assert.Equal((1, (string?)null), (first.Sequence, first.Previous));
        Assert.Equal(2, second.Sequence);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(first.SignedBytes())), second.Previous);
        Assert.Equal((1L, 4L, root.Value()), (first.Streams, first.Events, first.Root));
    }

    [Fact]
    public void A_statement_is_taken_to_the_millisecond_in_utc()
    {
        var statement = CheckpointStatement.Next(null, Now, new MerkleRoot(), "key");

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 18, 0, 0, 123, TimeSpan.Zero), statement.TakenAt);
        Assert.Equal(TimeSpan.Zero, statement.TakenAt.Offset);
    }

    [Fact]
    public void A_signature_verifies_with_the_public_key_alone_and_with_nothing_else()
    {
        using var key = CheckpointKey.Generate();
        using var other = CheckpointKey.Generate();
        using var published = CheckpointKey.FromPublicPem(key.PublicKeyPem);
        var statement = CheckpointStatement.Next(null, Now, new MerkleRoot(), key.Id);

        var signature = key.Sign(statement);

        Assert.True(published.Verifies(statement, signature));
        Assert.False(other.Verifies(statement, signature));
        Assert.False(published.Verifies(statement with { Root = new string('0', 64) }, signature));
        Assert.False(published.CanSign);
        Assert.Throws<InvalidOperationException>(() => published.Sign(statement));
    }

    [Fact]
    public void A_private_key_read_back_from_its_pem_is_the_same_key()
    {
        using var key = CheckpointKey.Generate();
        using var read = CheckpointKey.FromPrivatePem(key.PrivateKeyPem());

        Assert.Equal(key.Id, read.Id);
        Assert.True(read.CanSign);
    }

    [Fact]
    public void The_key_id_is_the_sha256_of_the_subject_public_key_info()
    {
        using var key = CheckpointKey.Generate();
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.PublicKeyPem);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo())), key.Id);
    }

    [Fact]
    public void Only_p256_keys_with_the_expected_label_are_read()
    {
        using var key = CheckpointKey.Generate();
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => CheckpointKey.FromPrivatePem(key.PublicKeyPem));
        Assert.Throws<ArgumentException>(() => CheckpointKey.FromPublicPem(key.PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => CheckpointKey.FromPrivatePem(p384.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => CheckpointKey.FromPrivatePem("not a key"));
    }
}
