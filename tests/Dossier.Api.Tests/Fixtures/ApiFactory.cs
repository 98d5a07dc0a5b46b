using Dossier.Domain.Audit;
using Dossier.Tests.Shared;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dossier.Api.Tests.Fixtures;

/// <summary>
/// The real API host over the real test PostgreSQL, with fake time. One host serves a whole test
/// collection; tests keep apart by using dossiers and people of their own.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    /// <summary>Monday 23 November 2026, 09:00 in Hà Nội: a plain working week with no holiday near.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7));

    /// <summary>The key that signs audit checkpoints in every host of this test run (PKCS#8 PEM).</summary>
    public static readonly string AuditSigningKey = NewSigningKey();

    public FakeTimeProvider Clock { get; } = new(Start);

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Dossier", TestDatabase.ConnectionString);
        builder.UseSetting("Auth:DevTokens", "true");
        builder.UseSetting("Catalogue:LoadDemo", "true");
        builder.UseSetting("Auth:DevTokenLifetime", "3650.00:00:00");
        builder.UseSetting("Audit:SigningKey", AuditSigningKey);
        Configure(builder);
    }

    protected virtual void Configure(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));

    public static string NewSigningKey()
    {
        using var key = CheckpointKey.Generate();
        return key.PrivateKeyPem();
    }

    /// <summary>Moves fake time forward to the given local wall-clock time.</summary>
    public void SetNow(DateTimeOffset now)
    {
        if (now > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(now);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
