using Npgsql;

namespace Dossier.Bench.Infrastructure;

/// <summary>
/// Exact server-side counters of the cluster: transaction ids handed out (one per transaction that
/// wrote anything) and the WAL position. Neither lags, unlike pg_stat_database, whose counters each
/// backend flushes only every few seconds.
/// </summary>
public sealed record PgCounters(long NextXid, long WalBytes)
{
    public static async Task<PgCounters> Take(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select pg_snapshot_xmax(pg_current_snapshot())::text::bigint, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new PgCounters(reader.GetInt64(0), reader.GetInt64(1));
    }

    public static PgCounters operator -(PgCounters a, PgCounters b) => new(a.NextXid - b.NextXid, a.WalBytes - b.WalBytes);
}
