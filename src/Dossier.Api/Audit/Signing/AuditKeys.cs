using Dossier.Domain.Audit;

namespace Dossier.Api.Audit.Signing;

/// <summary>The <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The ECDSA P-256 private key that signs checkpoints, as PKCS#8 PEM.</summary>
    public string? SigningKey { get; set; }

    /// <summary>A file holding <see cref="SigningKey"/>; relative to the content root.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Public keys (PEM) that checkpoints may be signed with besides the signing key: earlier keys after a rotation.</summary>
    public List<string> TrustedKeys { get; set; } = [];

    /// <summary>Where the Development environment keeps the key it generates when none is configured; relative to the content root.</summary>
    public string DevelopmentKeyFile { get; set; } = Path.Combine(".data", "audit", "signing-key.pem");

    /// <summary>When the checkpoint job runs: a Quartz cron expression, read in Asia/Ho_Chi_Minh time.</summary>
    public string CheckpointCron { get; set; } = "0 0 1 * * ?";

    /// <summary>
    /// How many streams (changed ones, and heads signed before) a checkpoint reads and holds at a time: what it costs in
    /// memory does not grow with the store, only its round trips do.
    /// </summary>
    public int CheckpointPageSize { get; set; } = 1000;
}

/// <summary>The key that signs checkpoints, if this host has one, and the public keys whose signatures are believed.</summary>
public sealed class AuditKeys : IDisposable
{
    public const string NoSigningKey =
        "No audit signing key: set Audit:SigningKey to an ECDSA P-256 private key in PKCS#8 PEM, or Audit:SigningKeyFile to a file "
        + "holding one (create it with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out signing-key.pem). "
        + "Checkpoints cannot be signed without it; only the Development environment generates a key of its own.";

    private readonly Dictionary<string, CheckpointKey> trusted;

    private AuditKeys(CheckpointKey? signer, IEnumerable<CheckpointKey> trusted)
    {
        Signer = signer;
        this.trusted = trusted.DistinctBy(k => k.Id).ToDictionary(k => k.Id, StringComparer.Ordinal);
    }

    public CheckpointKey? Signer { get; }

    public IReadOnlyCollection<string> TrustedKeyIds => trusted.Keys;

    public static AuditKeys Load(AuditOptions options, IHostEnvironment environment, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var signer = SigningKey(options, environment, logger);
        var trusted = options.TrustedKeys
            .Where(pem => !string.IsNullOrWhiteSpace(pem))
            .Select((pem, i) => Read(() => CheckpointKey.FromPublicPem(pem), $"{AuditOptions.Section}:{nameof(AuditOptions.TrustedKeys)}:{i}"))
            .ToList();
        return new AuditKeys(signer, signer is null ? trusted : [signer, .. trusted]);
    }

    public string? PublicKeyPem(string keyId) => trusted.TryGetValue(keyId, out var key) ? key.PublicKeyPem : null;

    /// <summary>Null when a trusted key verifies the signature; otherwise why the checkpoint cannot be believed.</summary>
    public string? SignatureProblem(CheckpointStatement statement, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (!trusted.TryGetValue(statement.KeyId, out var key))
        {
            return $"it is signed with key {statement.KeyId}, which is not a trusted key (Audit:SigningKey, Audit:TrustedKeys)";
        }

        return key.Verifies(statement, signature)
            ? null
            : $"its signature does not verify with key {statement.KeyId}: what it states is not what was signed";
    }

    /// <summary>Null when a trusted key verifies the signature over <paramref name="signed"/>; otherwise why not.</summary>
    public string? SignatureProblem(string keyId, byte[] signed, byte[] signature)
    {
        if (!trusted.TryGetValue(keyId, out var key))
        {
            return $"it is signed with key {keyId}, which is not a trusted key (Audit:SigningKey, Audit:TrustedKeys)";
        }

        return key.Verifies(signed, signature) ? null : $"its signature does not verify with key {keyId}";
    }

    public void Dispose()
    {
        foreach (var key in trusted.Values)
        {
            key.Dispose();
        }
    }

    private static CheckpointKey? SigningKey(AuditOptions options, IHostEnvironment environment, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return Read(() => CheckpointKey.FromPrivatePem(options.SigningKey), $"{AuditOptions.Section}:{nameof(AuditOptions.SigningKey)}");
        }

        if (!string.IsNullOrWhiteSpace(options.SigningKeyFile))
        {
            var file = Path.GetFullPath(options.SigningKeyFile, environment.ContentRootPath);
            return Read(() => CheckpointKey.FromPrivatePem(File.ReadAllText(file)), file);
        }

        return environment.IsDevelopment() ? DevelopmentKey(Path.GetFullPath(options.DevelopmentKeyFile, environment.ContentRootPath), logger) : null;
    }

    private static CheckpointKey DevelopmentKey(string file, ILogger logger)
    {
        if (File.Exists(file))
        {
            var existing = Read(() => CheckpointKey.FromPrivatePem(File.ReadAllText(file)), file);
            logger.LogInformation("Audit checkpoints are signed with the development key {KeyId} kept in {File}", existing.Id, file);
            return existing;
        }

        var key = CheckpointKey.Generate();
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, key.PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        logger.LogWarning(
            "No audit signing key is configured: generated the development key {KeyId} and kept it in {File}. "
            + "Set Audit:SigningKey or Audit:SigningKeyFile outside development", key.Id, file);
        return key;
    }

    private static CheckpointKey Read(Func<CheckpointKey> read, string source)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The audit key in {source} cannot be used: {e.Message}", e);
        }
    }
}

/// <summary>Refuses to start a host that could not sign its checkpoints, naming what to configure.</summary>
public sealed class AuditKeyCheck(AuditKeys keys) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        keys.Signer is null ? throw new InvalidOperationException(AuditKeys.NoSigningKey) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
