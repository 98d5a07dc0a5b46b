using Marten;
using Marten.Schema;
using Mediator;
using NpgsqlTypes;

namespace Dossier.Api.Notifications;

/// <summary>An e-mail/SMS waiting for delivery, stored in the same transaction as the event that asked for it.</summary>
public sealed record OutboxMessage
{
    public required string Id { get; init; }

    /// <summary>"email", "sms" or "in-app" recipient kinds; the sender decides what to do.</summary>
    public required string Channel { get; init; }

    public required string To { get; init; }

    public required string Body { get; init; }

    public int Attempts { get; init; }

    /// <summary>Kept in UTC, as <see cref="DeliveredAt"/>: Npgsql writes no other offset to their <c>timestamptz</c> columns.</summary>
    public DateTimeOffset NextAttemptAt { get; init => field = value.ToUniversalTime(); }

    public DateTimeOffset? DeliveredAt { get; init => field = value?.ToUniversalTime(); }

    public string? LastError { get; init; }

    public static void Configure(StoreOptions options) => options.Schema.For<OutboxMessage>();

    /// <summary>
    /// Marten's hook for the outbox's table. The dispatcher's query (undelivered, due, earliest first) reads two columns
    /// duplicated out of the document and one index, which holds only the undelivered messages: delivered ones are kept
    /// for good. Plain columns instead of expression indexes over <c>data</c>, because every reminder inserts a message
    /// here and an index over a jsonb instant goes through a SQL function on every insert (ADR 0023).
    /// </summary>
    public static void ConfigureMarten(DocumentMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        const string Timestamp = "timestamp with time zone";
        mapping.UseOptimisticConcurrency = true;
        mapping.DuplicateField(nameof(NextAttemptAt), Timestamp).DbType = NpgsqlDbType.TimestampTz;
        mapping.DuplicateField(nameof(DeliveredAt), Timestamp).DbType = NpgsqlDbType.TimestampTz;
        mapping.Indexes.Add(new DocumentIndex(mapping, "next_attempt_at") { Predicate = "delivered_at is null" });
    }
}

/// <summary>Delivers one message; throws when it could not (the outbox retries with backoff).</summary>
public interface IMessageSender
{
    Task Send(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>The default sender: writes the message to the log.</summary>
public sealed partial class LoggingMessageSender(ILogger<LoggingMessageSender> logger) : IMessageSender
{
    public Task Send(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Log(logger, message.Channel, message.To, message.Body);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Channel} to {To}: {Body}")]
    private static partial void Log(ILogger logger, string channel, string to, string body);
}

/// <summary>Deliver the outbox messages due now; returns how many were delivered.</summary>
/// <param name="Ids">Only these messages (tests sharing a database); null: any due message.</param>
public sealed record DispatchOutbox(int Max = 100, IReadOnlyList<string>? Ids = null) : IRequest<int>;

/// <summary>
/// Each due message is first claimed (its next attempt pushed out, under optimistic concurrency, so two hosts never
/// both send it), then sent; success marks it delivered, failure schedules a retry with exponential backoff.
/// A message is never deleted, so it is never lost.
/// </summary>
public sealed class DispatchOutboxHandler(IDocumentStore store, IMessageSender sender, TimeProvider clock)
    : IRequestHandler<DispatchOutbox, int>
{
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));

    public async ValueTask<int> Handle(DispatchOutbox request, CancellationToken cancellationToken)
    {
        // A clock may hand out local offsets (the tests' does); the timestamptz columns compared with it take only UTC.
        var now = clock.GetUtcNow().ToUniversalTime();
        IReadOnlyList<OutboxMessage> due;
        await using (var query = store.QuerySession())
        {
            var pending = query.Query<OutboxMessage>().Where(m => m.DeliveredAt == null && m.NextAttemptAt <= now);
            if (request.Ids is { } ids)
            {
                var wanted = ids.ToArray();
                pending = pending.Where(m => wanted.Contains(m.Id));
            }

            due = await pending
                .OrderBy(m => m.NextAttemptAt)
                .Take(request.Max)
                .ToListAsync(cancellationToken);
        }

        var delivered = 0;
        foreach (var message in due)
        {
            OutboxMessage claimed;
            try
            {
                await using var claim = store.LightweightSession();
                var current = await claim.LoadAsync<OutboxMessage>(message.Id, cancellationToken);
                if (current is null || current.DeliveredAt is not null || current.NextAttemptAt > now)
                {
                    continue;
                }

                claimed = current with { NextAttemptAt = now + TimeSpan.FromMinutes(5) };
                claim.Store(claimed);
                await claim.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (e is JasperFx.ConcurrencyException || e.GetType().Name.Contains("Concurrency", StringComparison.Ordinal))
            {
                continue;
            }

            OutboxMessage outcome;
            try
            {
                await sender.Send(claimed, cancellationToken);
                outcome = claimed with { DeliveredAt = clock.GetUtcNow(), Attempts = claimed.Attempts + 1, LastError = null };
                delivered++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var attempts = claimed.Attempts + 1;
                outcome = claimed with { Attempts = attempts, NextAttemptAt = now + Backoff(attempts), LastError = e.Message };
            }

            await using var done = store.LightweightSession();
            if (await done.LoadAsync<OutboxMessage>(message.Id, cancellationToken) is not null)
            {
                done.Store(outcome);
                await done.SaveChangesAsync(cancellationToken);
            }
        }

        return delivered;
    }
}
