namespace LineAgent.FakeChatDb;

/// <summary>
/// Which chat.db schema a fake database gets. The schema is not a function of the macOS version (imessage-exporter
/// capabilities.rs), so these are representative shapes, each with a different column set or order.
/// </summary>
public enum SchemaVariant
{
    /// <summary>macOS 13 (BlueBubbles sample): has sr_* columns, no emoji tapbacks, no is_stewie…fallback_hash.</summary>
    Ventura,

    /// <summary>macOS 14 (BlueBubbles sample): sr_* columns, is_stewie, is_kt_verified, is_sos …</summary>
    Sonoma,

    /// <summary>macOS 15: the exact sqlite_master text of a real 2025 database (no sr_* columns, associated_message_emoji, date_recovered).</summary>
    Sequoia,

    /// <summary>macOS 26: Sequoia plus is_time_sensitive, ck_chat_id, filter_action … ; chat GUIDs use the "any;" prefix;
    /// date_retracted/date_edited default to NULL; unsends set is_empty instead of date_retracted.</summary>
    Tahoe,

    /// <summary>A database migrated across releases: Sequoia columns plus sr_* columns, in a different column order
    /// (sr_* after guid, text after attributedBody, date last).</summary>
    MigratedSr,
}
