namespace Dossier.Api.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Issues tokens at POST /api/v1/auth/dev-token. Never on in production.</summary>
    public bool DevTokens { get; set; }

    public string Issuer { get; set; } = "dossier-engine";

    public string Audience { get; set; } = "dossier-api";

    /// <summary>
    /// HMAC-SHA256 key (at least 32 bytes, base64). When empty a random key is made at start-up,
    /// so tokens do not outlive the process.
    /// </summary>
    public string SigningKey { get; set; } = "";

    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
