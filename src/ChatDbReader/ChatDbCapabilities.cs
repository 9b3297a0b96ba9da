using Microsoft.Data.Sqlite;

namespace LineAgent.ChatDbReader;

/// <summary>
/// The columns chat.db actually has, probed once per open with PRAGMA table_info. Schemas vary independently of the
/// macOS release and migrated databases keep old sr_* columns in a different order (imessage-exporter
/// capabilities.rs), so every query selects by name from these sets and substitutes NULL for what is missing.
/// </summary>
public sealed class ChatDbCapabilities
{
    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>> _tables;

    internal ChatDbCapabilities(IReadOnlyDictionary<string, IReadOnlySet<string>> tables) => _tables = tables;

    /// <summary>Column names of <paramref name="table"/> (case-insensitive), empty when the table does not exist.</summary>
    public IReadOnlySet<string> Columns(string table) =>
        _tables.TryGetValue(table, out var set) ? set : new HashSet<string>();

    /// <summary>True when <paramref name="table"/> has <paramref name="column"/>.</summary>
    public bool Has(string table, string column) => Columns(table).Contains(column);

    /// <summary>Emoji tapbacks (macOS 15+: message.associated_message_emoji).</summary>
    public bool HasEmojiTapbacks => Has(Tables.TableNames.Message, "associated_message_emoji");

    /// <summary>Edit/unsend columns (macOS 13+: message.date_edited).</summary>
    public bool HasEdits => Has(Tables.TableNames.Message, "date_edited");

    /// <summary>Inline replies (macOS 11+: message.thread_originator_guid).</summary>
    public bool HasThreads => Has(Tables.TableNames.Message, "thread_originator_guid");

    internal static ChatDbCapabilities Probe(SqliteConnection connection)
    {
        var tables = new Dictionary<string, IReadOnlySet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in Tables.TableNames.All)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM pragma_table_info($t)";
            command.Parameters.AddWithValue("$t", table);
            using var reader = command.ExecuteReader();
            var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read())
                columns.Add(reader.GetString(0));
            if (columns.Count > 0)
                tables[table] = columns;
        }
        return new ChatDbCapabilities(tables);
    }
}
