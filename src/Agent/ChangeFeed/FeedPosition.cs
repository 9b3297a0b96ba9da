using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>
/// Where the change feed has got to in chat.db, stored as JSON in the journal's cursor table in the same
/// transaction as the events it produced.
/// </summary>
/// <remarks>
/// Apple fact: message.ROWID is AUTOINCREMENT, so new rows always get a higher ROWID; deleted rows (a deleted
/// message takes its tapbacks with it) leave gaps, so the watermark is the last ROWID processed, never a count.
/// The guid and date at the watermark identify the database: if the ROWID now holds another guid, or ROWIDs went
/// backwards, chat.db was replaced.
/// </remarks>
internal sealed record FeedPosition
{
    /// <summary>The chat.db change feed's source name in the journal.</summary>
    public const string Source = "chatdb";

    [JsonPropertyName("v")] public int Version { get; init; } = 1;

    /// <summary>Last message ROWID whose insert events are journaled.</summary>
    [JsonPropertyName("watermark")] public long Watermark { get; init; }

    /// <summary>guid of the row at <see cref="Watermark"/> (null when the watermark is not a row, e.g. an empty table).</summary>
    [JsonPropertyName("watermark_guid")] public string? WatermarkGuid { get; init; }

    /// <summary>message.date (Apple ns) at the watermark: the fallback anchor when chat.db is replaced.</summary>
    [JsonPropertyName("watermark_date")] public long? WatermarkDate { get; init; }

    /// <summary>Last chat ROWID whose chat.created event is journaled.</summary>
    [JsonPropertyName("chat_watermark")] public long ChatWatermark { get; init; }

    /// <summary>Highest chat.last_read_message_timestamp (Apple ns) already turned into chat.read events.</summary>
    [JsonPropertyName("chat_read")] public long ChatReadHighWater { get; init; }

    /// <summary>_SqliteDatabaseProperties._UniqueIdentifier when chat.db has one.</summary>
    [JsonPropertyName("identity")] public string? Identity { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static FeedPosition? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            return JsonSerializer.Deserialize<FeedPosition>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
