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

    public static void Create(SqliteConnection connection, SchemaVariant variant)
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
        Execute(connection, tx, ChatDbDdl.IndexesAndTriggers);
        if (variant == SchemaVariant.Tahoe)
            Execute(connection, tx, TahoeIndexes);
        tx.Commit();
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
