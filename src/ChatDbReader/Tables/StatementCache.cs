using Microsoft.Data.Sqlite;

namespace LineAgent.ChatDbReader.Tables;

/// <summary>
/// One connection's prepared statements, by SQL text: each prepared on first use and reused after that, because the
/// change feed runs the same handful of small queries on every pass and preparing them cost more than running them
/// (issue 15: ~1 ms of a one-message pass). Disposing a handed-out statement resets it; the cache finalizes them all
/// before its connection closes. One thread owns the cache, like the connection.
/// </summary>
internal sealed class StatementCache(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, RawStatement> _statements = new(StringComparer.Ordinal);

    /// <summary>The statement for <paramref name="sql"/>, unbound and at its start; dispose it when done. While it is
    /// still in use (a nested read of the same SQL) a fresh uncached one is prepared instead.</summary>
    public RawStatement Get(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new RawStatement(connection, sql, cached: true);
            _statements[sql] = statement;
        }
        else if (statement.InUse)
        {
            return new RawStatement(connection, sql);
        }
        statement.InUse = true;
        return statement;
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
            statement.Release();
        _statements.Clear();
    }
}
