using Dossier.Domain.Dossiers;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace Dossier.Api.Dossiers.Filing;

/// <summary>
/// Hands out Circular 01/2018 sequence numbers per unit and day. The counter row is incremented in
/// the same transaction that starts the dossier's stream, so a rolled-back filing gives its number
/// back (no gaps) and concurrent filings for one unit and day queue on the row lock (no duplicates).
/// </summary>
public static class DossierCodeSequence
{
    public const string TableName = "dossier_code_sequence";
    private const int MaxSequence = 9999;

    public static Table Table(string schema)
    {
        var table = new Table(Weasel.Postgresql.PostgresqlProvider.Instance.Parse($"{schema}.{TableName}"));
        table.AddColumn<string>("unit").AsPrimaryKey();
        table.AddColumn("day", "date").AsPrimaryKey();
        table.AddColumn<int>("last").NotNull();
        return table;
    }

    public static async Task<DossierCode> Next(NpgsqlTransaction transaction, string schema, string unit, DateOnly day, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
             insert into {schema}.{TableName} as s (unit, day, last) values (@unit, @day, 1)
             on conflict (unit, day) do update set last = s.last + 1
             returning last
             """,
            transaction.Connection,
            transaction);
        command.Parameters.AddWithValue("unit", unit);
        command.Parameters.AddWithValue("day", day);
        var sequence = (int)(await command.ExecuteScalarAsync(ct))!;
        if (sequence > MaxSequence)
        {
            throw new InvalidOperationException($"Unit {unit} has used all {MaxSequence} dossier numbers of {day:yyyy-MM-dd}.");
        }

        return DossierCode.Create(unit, day, sequence);
    }
}
