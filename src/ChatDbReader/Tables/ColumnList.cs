using System.Text;

namespace LineAgent.ChatDbReader.Tables;

/// <summary>
/// Builds a SELECT list by name: "alias.column" for columns the table has, "NULL" for the rest, so the result
/// ordinal of every wanted column is fixed by this list whatever the table's own column order.
/// </summary>
internal static class ColumnList
{
    public static string Build(ChatDbCapabilities capabilities, string table, string alias, IReadOnlyList<string> columns)
    {
        var present = capabilities.Columns(table);
        var sb = new StringBuilder();
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            if (present.Contains(columns[i]) || columns[i] == "ROWID") sb.Append(alias).Append('.').Append(columns[i]);
            else sb.Append("NULL");
        }
        return sb.ToString();
    }
}
