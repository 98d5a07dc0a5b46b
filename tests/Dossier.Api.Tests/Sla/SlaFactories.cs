using Dossier.Api.Notifications;
using Dossier.Api.Sla;
using Dossier.Api.Tests.Fixtures;
using Dossier.Tests.Shared;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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

    /// <summary>Seconds between the scheduler's own ticks; a long interval leaves the start-up tick and those a test triggers.</summary>
    public int TickSeconds { get; init; } = 1;

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
        builder.UseSetting("Sla:TickSeconds", TickSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
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

    /// <summary>
    /// Polls until the condition holds or 30 s pass. The Quartz tick runs on the real clock (ADR 0013), so the
    /// test waits for its effect, not for a time.
    /// </summary>
    public static async Task WaitFor(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within 30 s.");
            }

            await Task.Delay(100); // polling interval, not a wait for time to pass
        }
    }

    /// <summary>The scheduler's record of the SLA sweeps completed on this host's database, by whichever node.</summary>
    public Task<SweepHistory?> SlaSweeps() => SweepRecord.Find(Services.GetRequiredService<NpgsqlDataSource>(), SweepRecord.SlaSweep, CancellationToken.None);

    public async Task<long> CompletedSweeps() => (await SlaSweeps())?.Completed ?? 0;

    /// <summary>
    /// A condition that holds once <paramref name="count"/> SLA sweeps that started after this call have completed. A sweep
    /// that finds nothing due leaves no other trace; the record counts every completed one. Sweeps never overlap (the tick
    /// job disallows concurrent execution across the cluster), so at most one more was already under way at the call.
    /// </summary>
    public async Task<Func<Task<bool>>> SweepsStartedFromNow(int count)
    {
        var completed = await CompletedSweeps();
        return async () => await CompletedSweeps() >= completed + count + 1;
    }
}

[CollectionDefinition(Name)]
public sealed class SlaCollection : ICollectionFixture<SlaFactory>
{
    public const string Name = "sla";
}
