using Microsoft.Data.Sqlite;

namespace LineAgent.FakeChatDb.Schema;

/// <summary>Creates the tables, Apple's indexes and triggers for a <see cref="SchemaVariant"/>.</summary>
internal static class ChatDbSchema
{
    // Partial indexes seen on macOS 26 databases (idreezus' catalog); harmless on the others.
    private const string TahoeIndexes = """
        CREATE INDEX message_idx_is_time_sensitive ON message(is_time_sensitive) WHERE is_time_sensitive = 1;
        CREATE INDEX message_idx_is_scheduled_message ON message(schedule_type) WHERE schedule_type = 2;
        CREATE INDEX message_idx_associated_message2 ON message(associated_message_guid) WHERE associated_message_guid IS NOT NULL;
        """;

    /// <summary>Apple's CREATE INDEX statements (the first half of <see cref="ChatDbDdl.IndexesAndTriggers"/>).</summary>
    private static string Indexes => ChatDbDdl.IndexesAndTriggers[..ChatDbDdl.IndexesAndTriggers.IndexOf("CREATE TRIGGER", StringComparison.Ordinal)];

    private static string Triggers => ChatDbDdl.IndexesAndTriggers[ChatDbDdl.IndexesAndTriggers.IndexOf("CREATE TRIGGER", StringComparison.Ordinal)..];

    // The after_insert_on_chat_message_join trigger looks rows up by message_id: without this index every insert
    // scans the join table, so it exists even during a bulk load.
    private const string TriggerLookupIndex = "chat_message_join_idx_message_id_only";

    /// <summary>Creates Apple's indexes that do not exist yet (all of them, or the ones a bulk load deferred).</summary>
    public static void CreateIndexes(SqliteConnection connection, SchemaVariant variant, Func<string, bool>? which = null)
    {
        var statements = (Indexes + (variant == SchemaVariant.Tahoe ? TahoeIndexes : ""))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        using var tx = connection.BeginTransaction();
        foreach (var statement in statements)
        {
            var name = statement.Split(' ', 4)[2];
            if (which is not null && !which(name))
                continue;
            using var exists = connection.CreateCommand();
            exists.Transaction = tx;
            exists.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = $n";
            exists.Parameters.AddWithValue("$n", name);
            if (exists.ExecuteScalar() is null)
                Execute(connection, tx, statement);
        }
        tx.Commit();
    }

    public static void Create(SqliteConnection connection, SchemaVariant variant, bool withIndexes = true)
    {
        var (message, chat, attachment, join) = variant switch
        {
            SchemaVariant.Ventura => (ChatDbDdl.VenturaMessage, ChatDbDdl.VenturaChat, ChatDbDdl.VenturaAttachment, ChatDbDdl.ChatMessageJoin),
            SchemaVariant.Sonoma => (ChatDbDdl.SonomaMessage, ChatDbDdl.SonomaChat, ChatDbDdl.SonomaAttachment, ChatDbDdl.ChatMessageJoin),
            SchemaVariant.Sequoia => (ChatDbDdl.SequoiaMessage, ChatDbDdl.SequoiaChat, ChatDbDdl.SequoiaAttachment, ChatDbDdl.ChatMessageJoin),
            SchemaVariant.Tahoe => (ChatDbDdl.TahoeMessage, ChatDbDdl.TahoeChat, ChatDbDdl.SequoiaAttachment, ChatDbDdl.TahoeChatMessageJoin),
            SchemaVariant.MigratedSr => (ChatDbDdl.MigratedMessage, ChatDbDdl.MigratedChat, ChatDbDdl.MigratedAttachment, ChatDbDdl.ChatMessageJoin),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
        };

        using var tx = connection.BeginTransaction();
        foreach (var ddl in ChatDbDdl.CommonTables.Concat([message, chat, attachment, join]))
            Execute(connection, tx, ddl);
        Execute(connection, tx, Triggers);
        tx.Commit();
        CreateIndexes(connection, variant, withIndexes ? null : name => name == TriggerLookupIndex);
    }

    /// <summary>
    /// Registers no-op versions of the functions Apple's triggers call (they live in IMDPersistence). Without them
    /// every DELETE FROM message/attachment fails at prepare time with "no such function".
    /// </summary>
    public static void RegisterTriggerFunctions(SqliteConnection connection)
    {
        connection.CreateFunction("delete_attachment_path", (string? _) => (object?)null);
        connection.CreateFunction("before_delete_attachment_path", (long _, string? _) => (object?)null);
        connection.CreateFunction("after_delete_message_plugin", (long _, string? _) => (object?)null);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
