using Microsoft.Data.Sqlite;

namespace LineAgent.FakeChatDb;

/// <summary>
/// A prepared INSERT for one table over the columns this schema variant actually has: values for columns the
/// table lacks (e.g. associated_message_emoji on Ventura) are dropped, the way Messages on that release never writes them.
/// </summary>
internal sealed class RowInserter : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly int[] _map;          // desired column index → parameter index, or -1 when the table lacks it

    public RowInserter(SqliteConnection connection, string table, IReadOnlySet<string> present, IReadOnlyList<string> columns)
    {
        _map = new int[columns.Count];
        var used = new List<string>();
        for (var i = 0; i < columns.Count; i++)
        {
            if (present.Contains(columns[i])) { _map[i] = used.Count; used.Add(columns[i]); }
            else _map[i] = -1;
        }

        _command = connection.CreateCommand();
        _command.CommandText =
            $"INSERT INTO {table} ({string.Join(", ", used)}) VALUES ({string.Join(", ", used.Select((_, i) => "$p" + i))}) RETURNING ROWID";
        for (var i = 0; i < used.Count; i++)
            _command.Parameters.Add(new SqliteParameter("$p" + i, null));
    }

    /// <summary>Inserts one row; <paramref name="values"/> follow the constructor's column order. Returns the new ROWID.</summary>
    public long Insert(SqliteTransaction? transaction, params object?[] values)
    {
        for (var i = 0; i < _map.Length; i++)
            if (_map[i] >= 0) _command.Parameters[_map[i]].Value = values[i] ?? DBNull.Value;
        _command.Transaction = transaction;
        return (long)_command.ExecuteScalar()!;
    }

    public void Dispose() => _command.Dispose();
}
