using Dossier.Api.Archive;
using Dossier.Api.Tests.Statistics;
using Dossier.Domain.Audit;
using Npgsql;

namespace Dossier.Api.Tests.Archive;

/// <summary>An archive exported by a host with an audit signing key carries its signature; an import checks it against its trusted keys.</summary>
public sealed class SignedManifest(ArchivedHistory archived) : IClassFixture<ArchivedHistory>
{
    private static string Setting(CheckpointKey key) => $"--Audit:SigningKey={key.PrivateKeyPem()}";

    private async Task<(string Folder, ArchiveManifest Manifest)> ExportSignedBy(CheckpointKey key)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"dossier-archive-signed-{Guid.NewGuid():N}");
        var (code, _, errors) = await ArchivedHistory.Verb("export", folder, archived.SourceDatabase, Setting(key));
        Assert.True(code == 0, errors);
        return (folder, await ArchiveManifest.Read(folder, CancellationToken.None));
    }

    [Fact]
    public async Task the_exporting_key_signs_the_manifest_and_an_import_that_trusts_it_checks_the_signature()
    {
        using var key = CheckpointKey.Generate();
        var (folder, manifest) = await ExportSignedBy(key);
        try
        {
            var signature = Assert.IsType<ArchiveSignature>(manifest.Signature);
            Assert.Equal(key.Id, signature.KeyId);
            Assert.True(key.Verifies(manifest.SignedBytes(), Convert.FromBase64String(signature.Value)));
            Assert.Equal(archived.Manifest.MerkleRoot, manifest.MerkleRoot);

            var database = StatisticsFactory.CreateDatabase();
            var (code, _, errors) = await ArchivedHistory.Verb("import", folder, database, Setting(key));
            Assert.True(code == 0, errors);
            Assert.Contains($"signature verifies with trusted key {key.Id}", errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task a_manifest_signed_by_an_untrusted_key_or_changed_after_signing_is_refused_and_nothing_is_written()
    {
        using var key = CheckpointKey.Generate();
        using var stranger = CheckpointKey.Generate();
        var (folder, manifest) = await ExportSignedBy(key);
        try
        {
            var untrusted = StatisticsFactory.CreateDatabase();
            var (code, _, errors) = await ArchivedHistory.Verb("import", folder, untrusted, Setting(stranger));
            Assert.Equal(1, code);
            Assert.Contains("not a trusted key", errors, StringComparison.Ordinal);
            Assert.Equal(0L, await Schemas(untrusted));

            File.Delete(Path.Combine(folder, ArchiveFiles.Manifest));
            await (manifest with { ExportedAt = manifest.ExportedAt.AddDays(-1) }).Write(folder, CancellationToken.None);
            var changed = StatisticsFactory.CreateDatabase();
            (code, _, errors) = await ArchivedHistory.Verb("import", folder, changed, Setting(key));
            Assert.Equal(1, code);
            Assert.Contains("signature does not verify", errors, StringComparison.Ordinal);
            Assert.Equal(0L, await Schemas(changed));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<long> Schemas(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from information_schema.schemata where schema_name = 'dossier'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
