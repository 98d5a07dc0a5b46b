using Dossier.Api.Notifications;
using Dossier.Api.Tests.Fixtures;
using Dossier.Tests.Shared;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dossier.Api.Tests.Sla;

/// <summary>A sender that fails the first sends of the messages listed in <see cref="FailuresLeft"/>.</summary>
public sealed class FlakySender : IMessageSender
{
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> FailuresLeft { get; } = new();

    public List<string> Delivered { get; } = [];

    public Task Send(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (FailuresLeft.TryGetValue(message.Id, out var left) && left > 0)
        {
            FailuresLeft[message.Id] = left - 1;
            throw new InvalidOperationException("SMTP down");
        }

        lock (Delivered)
        {
            Delivered.Add(message.Id);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The API host with fake time, the flaky sender, and optionally its own database and a running scheduler.</summary>
public sealed class SlaFactory : ApiFactory
{
    /// <summary>Another database than the shared one (the scheduler sweeps every dossier it holds).</summary>
    public string? ConnectionString { get; init; }

    public bool Scheduler { get; init; }

    public DateTimeOffset? Now { get; init; }

    /// <summary>The development clock over real time, as ./dossier up runs, instead of fake time.</summary>
    public bool DevelopmentClock { get; init; }

    /// <summary>Hosts of one cluster share the token key, so a token from one is good on the other.</summary>
    public string? TokenKey { get; init; }

    public FlakySender Sender { get; } = new();

    protected override void Configure(IWebHostBuilder builder)
    {
        if (Now is { } start)
        {
            Clock.SetUtcNow(start);
        }

        if (ConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Dossier", ConnectionString);
        }

        builder.UseSetting("Sla:SchedulerEnabled", Scheduler ? "true" : "false");
        builder.UseSetting("Sla:TickSeconds", "1");
        builder.UseSetting("Projections:DaemonMode", "HotCold");
        if (TokenKey is not null)
        {
            builder.UseSetting("Auth:SigningKey", TokenKey);
        }

        builder.UseSetting("Dev:ClockControl", DevelopmentClock ? "true" : "false");
        builder.ConfigureTestServices(services =>
        {
            if (!DevelopmentClock)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }

            services.AddSingleton<IMessageSender>(Sender);
        });
    }

    public async Task<T> Send<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }
}

[CollectionDefinition(Name)]
public sealed class SlaCollection : ICollectionFixture<SlaFactory>
{
    public const string Name = "sla";
}
