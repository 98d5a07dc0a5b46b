using Dossier.Api.Sla;
using Npgsql;

namespace Dossier.Api.Tests.Sla;

/// <summary>
/// The Quartz tick runs on the real clock (ADR 0013), so tests with a running scheduler wait for its effects —
/// never for a length of time — and count its firings in Quartz's own tables to know that it kept ticking.
/// </summary>
public static class SchedulerWaits
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>How often the clustered tick has fired on this database, by Quartz's own count.</summary>
    public static Task<long> Ticks(string database) =>
        Scalar(database, $"select coalesce(sum(times_triggered), 0) from {SlaSetup.TablePrefix}simple_triggers");

    /// <summary>Waits until the schedulers on this database have fired <paramref name="more"/> further ticks.</summary>
    public static async Task MoreTicks(string database, int more)
    {
        var before = await Ticks(database);
        await Until(async () => await Ticks(database) >= before + more, $"the schedulers to tick {more} more times");
    }

    public static async Task Until(Func<Task<bool>> condition, string what, Func<Task<string>>? state = null)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Limit.TotalSeconds:0} s for {what}. {(state is null ? "" : await state())}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200)); // polling interval, not a wait for time to pass
        }
    }

    public static async Task<long> Scalar(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
