using Dossier.Api.Hosting;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace Dossier.Api.Sla;

/// <summary>
/// One sweep that completed: when it started and finished in real time (the scheduler's clock), the application time
/// it judged what was due against, how many reminders it recorded, and the scheduler node that ran it.
/// </summary>
public sealed record CompletedSweep(DateTimeOffset StartedAt, DateTimeOffset FinishedAt, DateTimeOffset SweptFor, int RemindersRecorded, string? Node);

/// <summary>How many sweeps of one kind have completed, and the last of them.</summary>
public sealed record SweepHistory(long Completed, CompletedSweep Last);

/// <summary>
/// The record that sweeps ran, one row per kind of sweep, shared by every node on the database. A sweep that finds
/// nothing due leaves no other trace: this is how operators and tests know the scheduler kept sweeping. Each
/// completion is counted by one statement that increments in SQL, so two nodes never lose each other's count.
/// </summary>
public static class SweepRecord
{
    public const string SlaSweep = "sla-sweep";

    private const string TableName = StoreSetup.Schema + ".sweep_record";

    public static Table Table()
    {
        var table = new Table(Weasel.Postgresql.PostgresqlProvider.Instance.Parse(TableName));
        table.AddColumn("kind", "text").AsPrimaryKey();
        table.AddColumn("completed", "bigint").NotNull();
        table.AddColumn("last_started_at", "timestamp with time zone").NotNull();
        table.AddColumn("last_finished_at", "timestamp with time zone").NotNull();
        table.AddColumn("last_swept_for", "timestamp with time zone").NotNull();
        table.AddColumn("last_reminders_recorded", "integer").NotNull();
        table.AddColumn("last_node", "text");
        return table;
    }

    public static async Task Save(NpgsqlDataSource dataSource, string kind, CompletedSweep sweep, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"""
             insert into {TableName} as r
                 (kind, completed, last_started_at, last_finished_at, last_swept_for, last_reminders_recorded, last_node)
             values ($1, 1, $2, $3, $4, $5, $6)
             on conflict (kind) do update set
                 completed = r.completed + 1,
                 last_started_at = excluded.last_started_at,
                 last_finished_at = excluded.last_finished_at,
                 last_swept_for = excluded.last_swept_for,
                 last_reminders_recorded = excluded.last_reminders_recorded,
                 last_node = excluded.last_node
             """);
        command.Parameters.AddWithValue(kind);
        command.Parameters.AddWithValue(sweep.StartedAt.ToUniversalTime());
        command.Parameters.AddWithValue(sweep.FinishedAt.ToUniversalTime());
        command.Parameters.AddWithValue(sweep.SweptFor.ToUniversalTime());
        command.Parameters.AddWithValue(sweep.RemindersRecorded);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)sweep.Node ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The kind's record; null before its first sweep completed.</summary>
    public static async Task<SweepHistory?> Find(NpgsqlDataSource dataSource, string kind, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"""
             select completed, last_started_at, last_finished_at, last_swept_for, last_reminders_recorded, last_node
             from {TableName} where kind = $1
             """);
        command.Parameters.AddWithValue(kind);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new SweepHistory(
            reader.GetInt64(0),
            new CompletedSweep(
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
    }
}
