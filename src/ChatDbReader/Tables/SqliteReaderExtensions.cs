using Microsoft.Data.Sqlite;

namespace LineAgent.ChatDbReader.Tables;

/// <summary>NULL-tolerant getters: chat.db columns hold NULL where a default would be expected on some machines.
/// The same values as <see cref="RawStatement"/>'s (<see cref="IRowColumns"/>).</summary>
internal static class SqliteReaderExtensions
{
    public static string? Text(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetValue(i) as string ?? Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    public static long Int(this SqliteDataReader r, int i)
    {
        if (r.IsDBNull(i)) return 0;
        return r.GetValue(i) switch
        {
            long l => l,
            double d => (long)d,
            string s when long.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) => v,
            _ => 0,
        };
    }

    public static long? NullableInt(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.Int(i);

    public static bool Bool(this SqliteDataReader r, int i) => r.Int(i) != 0;

    public static byte[]? Blob(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetValue(i) as byte[];

    /// <summary>The reader as <see cref="IRowColumns"/>, for the row readers shared with the raw path.</summary>
    public static DataReaderColumns Columns(this SqliteDataReader r) => new(r);
}

/// <summary>A Microsoft.Data.Sqlite reader seen through <see cref="IRowColumns"/>.</summary>
internal readonly struct DataReaderColumns(SqliteDataReader reader) : IRowColumns
{
    public string? Text(int i) => reader.Text(i);
    public long Int(int i) => reader.Int(i);
    public long? NullableInt(int i) => reader.NullableInt(i);
    public bool Bool(int i) => reader.Bool(i);
    public ReadOnlySpan<byte> Blob(int i) => reader.Blob(i);
}
