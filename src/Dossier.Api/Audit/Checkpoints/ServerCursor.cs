using Npgsql;

namespace Dossier.Api.Audit.Checkpoints;

/// <summary>
/// A query's rows read a page at a time from a cursor in the caller's transaction, so that other commands can run on
/// the same connection between pages and the caller never holds more than a page. PostgreSQL closes the cursor when the
/// transaction ends.
/// </summary>
public sealed class ServerCursor<T>
{
    private readonly NpgsqlConnection connection;
    private readonly string name;
    private readonly Func<NpgsqlDataReader, T> read;

    private ServerCursor(NpgsqlConnection connection, string name, Func<NpgsqlDataReader, T> read)
    {
        this.connection = connection;
        this.name = name;
        this.read = read;
    }

    /// <param name="name">Unique among the transaction's open cursors; a plain identifier.</param>
    public static async Task<ServerCursor<T>> Open(
        NpgsqlConnection connection, string name, string query, IEnumerable<object> parameters, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        await using var declare = new NpgsqlCommand($"declare {name} no scroll cursor for {query}", connection);
        foreach (var parameter in parameters)
        {
            declare.Parameters.AddWithValue(parameter);
        }

        await declare.ExecuteNonQueryAsync(ct);
        return new ServerCursor<T>(connection, name, read);
    }

    /// <summary>The next rows, at most <paramref name="count"/>; fewer only at the end.</summary>
    public async Task<List<T>> Next(int count, CancellationToken ct)
    {
        await using var fetch = new NpgsqlCommand($"fetch forward {count} from {name}", connection);
        var page = new List<T>(count);
        await using var reader = await fetch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            page.Add(read(reader));
        }

        return page;
    }
}
