using System.Security.Cryptography;

namespace Dossier.Domain.Audit;

/// <summary>
/// An ECDSA P-256 key that signs checkpoint statements (SHA-256, DER-encoded signature as OpenSSL writes and reads it),
/// or only its public half, which verifies them. Its id is the SHA-256 of its SubjectPublicKeyInfo (DER), lowercase
/// hex: <c>openssl pkey -pubin -in key.pem -outform DER | sha256sum</c> gives the same.
/// </summary>
public sealed class CheckpointKey : IDisposable
{
    public const string Algorithm = "ECDSA P-256 with SHA-256; the signature is DER-encoded (RFC 3279), as openssl dgst -sha256 -sign writes it";

    private const string NistP256 = "1.2.840.10045.3.1.7";
    private const DSASignatureFormat SignatureFormat = DSASignatureFormat.Rfc3279DerSequence;

    private readonly ECDsa key;

    private CheckpointKey(ECDsa key, bool canSign)
    {
        this.key = key;
        CanSign = canSign;
        Id = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
    }

    public string Id { get; }

    public string PublicKeyPem { get; }

    public bool CanSign { get; }

    public static CheckpointKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), canSign: true);

    /// <summary>A private key in PEM: PKCS#8 (<c>BEGIN PRIVATE KEY</c>) or SEC 1 (<c>BEGIN EC PRIVATE KEY</c>).</summary>
    public static CheckpointKey FromPrivatePem(string pem) => Import(pem, canSign: true, "PRIVATE KEY", "EC PRIVATE KEY");

    /// <summary>A public key in PEM (<c>BEGIN PUBLIC KEY</c>).</summary>
    public static CheckpointKey FromPublicPem(string pem) => Import(pem, canSign: false, "PUBLIC KEY");

    public string PrivateKeyPem() =>
        CanSign ? key.ExportPkcs8PrivateKeyPem() : throw new InvalidOperationException($"Key {Id} is a public key only.");

    public byte[] Sign(CheckpointStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return Sign(statement.SignedBytes());
    }

    public bool Verifies(CheckpointStatement statement, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return Verifies(statement.SignedBytes(), signature);
    }

    public byte[] Sign(byte[] signed) =>
        CanSign
            ? key.SignData(signed, HashAlgorithmName.SHA256, SignatureFormat)
            : throw new InvalidOperationException($"Key {Id} is a public key only and cannot sign.");

    public bool Verifies(byte[] signed, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return key.VerifyData(signed, signature, HashAlgorithmName.SHA256, SignatureFormat);
    }

    public void Dispose() => key.Dispose();

    private static CheckpointKey Import(string pem, bool canSign, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields) || !labels.Contains(pem[fields.Label].ToString(), StringComparer.Ordinal))
        {
            throw new ArgumentException($"Expected a PEM block labelled {string.Join(" or ", labels)}.", nameof(pem));
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem[fields.Location]);
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new ArgumentException($"The PEM block is not a readable EC key: {e.Message}", nameof(pem), e);
        }

        if (key.ExportParameters(includePrivateParameters: false).Curve.Oid?.Value != NistP256)
        {
            key.Dispose();
            throw new ArgumentException("The key is not on curve P-256 (prime256v1).", nameof(pem));
        }

        return new CheckpointKey(key, canSign);
    }
}
