using Dossier.Api.Hosting;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace Dossier.Api.Clock;

/// <summary>
/// One development clock for every host on the database, kept across restarts: a move is written to
/// PostgreSQL first (forward only, whichever host wrote last with the larger offset wins) and then
/// taken locally; other hosts take it when they next look — at start, on every scheduler tick and on
/// every read of the clock — so a reminder falls due on whichever host the cluster lets tick.
/// </summary>
public sealed class SharedDevelopmentClock(DevelopmentClock clock, NpgsqlDataSource dataSource)
{
    private const string TableName = "development_clock";

    public static Table Table(string schema)
    {
        var table = new Table(Weasel.Postgresql.PostgresqlProvider.Instance.Parse($"{schema}.{TableName}"));
        table.AddColumn<int>("id").AsPrimaryKey();
        table.AddColumn<long>("offset_ticks").NotNull();
        return table;
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Moves the clock to <paramref name="now"/>; false when that is earlier than it reads.</summary>
    public async Task<bool> MoveTo(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await Refresh(cancellationToken);
        var offset = clock.OffsetFor(now);
        if (offset < clock.Offset)
        {
            return false;
        }

        await Publish(offset, cancellationToken);
        return true;
    }

    public async Task Advance(TimeSpan by, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        await Refresh(cancellationToken);
        await Publish(clock.Offset + by, cancellationToken);
    }

    public async Task Refresh(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select offset_ticks from {StoreSetup.Schema}.{TableName} where id = 1");
        if (await command.ExecuteScalarAsync(cancellationToken) is long ticks)
        {
            clock.Adopt(TimeSpan.FromTicks(ticks));
        }
    }

    private async Task Publish(TimeSpan offset, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
             insert into {StoreSetup.Schema}.{TableName} as c (id, offset_ticks) values (1, $1)
             on conflict (id) do update set offset_ticks = greatest(c.offset_ticks, excluded.offset_ticks)
             returning offset_ticks
             """);
        command.Parameters.AddWithValue(offset.Ticks);
        clock.Adopt(TimeSpan.FromTicks((long)(await command.ExecuteScalarAsync(cancellationToken))!));
    }
}

/// <summary>A restarted host reads the same development clock as before, not real time.</summary>
public sealed class DevelopmentClockLoader(SharedDevelopmentClock clock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => clock.Refresh(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
