using Dossier.Api.Audit.Signing;
using Dossier.Api.Tests.Fixtures;
using Dossier.Domain.Audit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace Dossier.Api.Tests.Audit;

/// <summary>Where the checkpoint signing key comes from in each environment, and what happens without one.</summary>
public sealed class SigningKeyTests : IDisposable
{
    private readonly string contentRoot = Directory.CreateTempSubdirectory("dossier-audit-keys-").FullName;

    public void Dispose() => Directory.Delete(contentRoot, recursive: true);

    [Fact]
    public void a_production_host_without_a_signing_key_refuses_to_start_saying_what_to_configure()
    {
        using var factory = new KeylessFactory();

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(AuditKeys.NoSigningKey, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void development_without_a_configured_key_generates_one_once_keeps_it_private_and_says_so()
    {
        var log = new RecordingLogger();
        var options = new AuditOptions { DevelopmentKeyFile = Path.Combine("data", "audit", "signing-key.pem") };
        var file = Path.Combine(contentRoot, "data", "audit", "signing-key.pem");

        using var generated = AuditKeys.Load(options, Environment(Environments.Development), log);
        using var reused = AuditKeys.Load(options, Environment(Environments.Development), log);

        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(generated.Signer!.Id, reused.Signer!.Id);
        Assert.Contains(log.Lines, l => l.Contains($"generated the development key {generated.Signer.Id}", StringComparison.Ordinal) && l.Contains(file, StringComparison.Ordinal));
    }

    [Fact]
    public void other_environments_generate_nothing_and_trust_only_the_keys_configured()
    {
        using var trusted = CheckpointKey.Generate();
        var options = new AuditOptions { TrustedKeys = [trusted.PublicKeyPem] };

        using var keys = AuditKeys.Load(options, Environment(Environments.Production), new RecordingLogger());

        Assert.Null(keys.Signer);
        Assert.Equal([trusted.Id], keys.TrustedKeyIds);
        Assert.False(Directory.Exists(Path.Combine(contentRoot, ".data")));
    }

    [Fact]
    public void a_key_file_is_read_relative_to_the_content_root_and_its_public_key_is_trusted()
    {
        using var key = CheckpointKey.Generate();
        File.WriteAllText(Path.Combine(contentRoot, "signing.pem"), key.PrivateKeyPem());

        using var keys = AuditKeys.Load(new AuditOptions { SigningKeyFile = "signing.pem" }, Environment(Environments.Production), new RecordingLogger());

        Assert.Equal(key.Id, keys.Signer!.Id);
        Assert.Equal(key.PublicKeyPem, keys.PublicKeyPem(key.Id));
    }

    [Fact]
    public void a_key_that_cannot_be_used_is_named_in_the_failure()
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            AuditKeys.Load(new AuditOptions { SigningKey = "not a key" }, Environment(Environments.Production), new RecordingLogger()));

        Assert.Contains("The audit key in Audit:SigningKey cannot be used", failure.Message, StringComparison.Ordinal);
    }

    private HostingEnvironment Environment(string name) => new() { EnvironmentName = name, ContentRootPath = contentRoot };

    private sealed class KeylessFactory : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(Environments.Production);
            builder.UseSetting("Audit:SigningKey", "");
        }
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
