using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Tables;
using LineAgent.ChatDbReader.Time;

namespace LineAgent.ChatDbReader;

// Who the line is (the owner's addresses) and what history says about a recipient. Both are aggregates over
// columns chat.db may lack on old schemas: a missing column reads as "nothing known", never as an error.
public sealed partial class ChatDb
{
    /// <summary>
    /// The owner's addresses: every message.destination_caller_id on own rows (with how many rows and the newest date)
    /// and every chat.account_login ("E:"/"P:" prefix removed), newest use first. Empty when chat.db records none.
    /// </summary>
    public IReadOnlyList<OwnerAddress> ReadOwnerAddresses() => Guard(() =>
    {
        var byAddress = new Dictionary<string, OwnerAddress>(StringComparer.OrdinalIgnoreCase);
        if (Capabilities.Has(TableNames.Message, "destination_caller_id"))
        {
            using var command = Command("""
                SELECT destination_caller_id, COUNT(*), MAX(date) FROM message
                WHERE is_from_me = 1 AND destination_caller_id IS NOT NULL AND destination_caller_id <> ''
                GROUP BY destination_caller_id
                """);
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                var address = StripLoginPrefix(r.Text(0) ?? "");
                if (address.Length == 0)
                    continue;
                var used = AppleTime.ToDateTimeOffset(r.NullableInt(2));
                byAddress[address] = byAddress.TryGetValue(address, out var seen)
                    ? seen with { MessagesSent = seen.MessagesSent + r.Int(1), LastUsedAt = Max(seen.LastUsedAt, used) }
                    : new OwnerAddress(address, r.Int(1), used);
            }
        }
        if (Capabilities.Has(TableNames.Chat, "account_login"))
        {
            using var command = Command("SELECT DISTINCT account_login FROM chat WHERE account_login IS NOT NULL AND account_login <> ''");
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                var address = StripLoginPrefix(r.Text(0) ?? "");
                if (address.Length > 0 && !byAddress.ContainsKey(address))
                    byAddress[address] = new OwnerAddress(address, 0, null);
            }
        }
        return byAddress.Values
            .OrderByDescending(a => a.LastUsedAt ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.Address, StringComparer.Ordinal)
            .ToList();
    });

    /// <summary>What the 1:1 history with <paramref name="handle"/> (matched exactly, as chat_identifier) says about reaching it.</summary>
    public HandleHistory ReadHandleHistory(string handle) => Guard(() =>
    {
        var hasDelivered = Capabilities.Has(TableNames.Message, "date_delivered");
        using var command = Command($"""
            SELECT
                SUM(CASE WHEN m.is_from_me = 1 AND m.error = 0 AND m.is_delivered = 1 AND m.service = 'iMessage' THEN 1 ELSE 0 END),
                MAX(CASE WHEN m.is_from_me = 1 AND m.error = 0 AND m.is_delivered = 1 AND m.service = 'iMessage'
                    THEN {(hasDelivered ? "COALESCE(NULLIF(m.date_delivered, 0), m.date)" : "m.date")} END),
                SUM(CASE WHEN m.is_from_me = 1 AND m.error <> 0 THEN 1 ELSE 0 END),
                MAX(CASE WHEN m.is_from_me = 1 AND m.error <> 0 THEN m.date END),
                SUM(CASE WHEN m.is_from_me = 0 AND m.service = 'iMessage' THEN 1 ELSE 0 END),
                MAX(CASE WHEN m.is_from_me = 0 AND m.service = 'iMessage' THEN m.date END)
            FROM chat c
            JOIN chat_message_join cmj ON cmj.chat_id = c.ROWID
            JOIN message m ON m.ROWID = cmj.message_id
            WHERE c.chat_identifier = $h AND c.style = 45
            """);
        command.Parameters.AddWithValue("$h", handle);
        using var r = command.ExecuteReader();
        r.Read();
        var lastFailed = r.NullableInt(3);
        long? lastError = null;
        if (lastFailed is not null)
        {
            using var error = Command("""
                SELECT m.error FROM chat c JOIN chat_message_join cmj ON cmj.chat_id = c.ROWID JOIN message m ON m.ROWID = cmj.message_id
                WHERE c.chat_identifier = $h AND c.style = 45 AND m.is_from_me = 1 AND m.error <> 0 ORDER BY m.date DESC LIMIT 1
                """);
            error.Parameters.AddWithValue("$h", handle);
            lastError = error.ExecuteScalar() is long e ? e : null;
        }
        return new HandleHistory(handle, r.NullableInt(0) ?? 0, AppleTime.ToDateTimeOffset(r.NullableInt(1)), r.NullableInt(2) ?? 0,
            AppleTime.ToDateTimeOffset(lastFailed), lastError, r.NullableInt(4) ?? 0, AppleTime.ToDateTimeOffset(r.NullableInt(5)));
    });

    /// <summary>"E:someone@icloud.com" / "P:+1555…" / "e:…" (message.account) → the address; anything else unchanged.</summary>
    internal static string StripLoginPrefix(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length > 2 && trimmed[1] == ':' && trimmed[0] is 'E' or 'e' or 'P' or 'p' ? trimmed[2..] : trimmed;
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
