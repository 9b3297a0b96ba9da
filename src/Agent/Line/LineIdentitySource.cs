using LineAgent.Agent.ChatDb;
using LineAgent.ChatDbReader;
using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.Line;

/// <summary>
/// Who the line is: its id and the addresses it sends from, read from chat.db (message.destination_caller_id,
/// chat.account_login). The chat.db aggregate scans own rows, so it is cached for <see cref="CacheFor"/>.
/// </summary>
public sealed class LineIdentitySource(LineIdSource lineId, ChatDbSource chatDb, TimeProvider time)
{
    /// <summary>How long the addresses read from chat.db are reused. 60 s, like the Messages probes.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private (DateTimeOffset At, IReadOnlyList<OwnerAddress> Addresses)? _cached;

    /// <summary>The line id.</summary>
    public string LineId => lineId.Get();

    /// <summary>The owner's addresses, newest use first; empty when chat.db is unreadable or records none.</summary>
    public IReadOnlyList<OwnerAddress> Addresses()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_cached is { } c && now - c.At < CacheFor)
                return c.Addresses;
        }
        IReadOnlyList<OwnerAddress> addresses;
        try
        {
            addresses = chatDb.Read(db => db.ReadOwnerAddresses());
        }
        catch (ChatDbOpenException)
        {
            return [];      // GetLine's chat_db_readable probe says why
        }
        lock (_lock)
            _cached = (now, addresses);
        return addresses;
    }

    /// <summary>
    /// The handles (chat.db's addresses, then any account description that is an address) and the default caller id:
    /// the address of the newest own row, else the connected iMessage account's description when it is an address.
    /// </summary>
    public (IReadOnlyList<string> Handles, string? DefaultCallerId) Handles(IReadOnlyList<AccountReport> accounts)
    {
        var addresses = Addresses();
        var handles = addresses.Select(a => a.Address).ToList();
        foreach (var account in accounts)
        {
            if (IsAddress(account.Description) && !handles.Contains(account.Description, StringComparer.OrdinalIgnoreCase))
                handles.Add(account.Description);
        }
        var defaultCallerId = addresses.FirstOrDefault(a => a.LastUsedAt is not null)?.Address
            ?? accounts.FirstOrDefault(a => a.Service == "iMessage" && a.IsConnected && IsAddress(a.Description))?.Description;
        return (handles, defaultCallerId);
    }

    /// <summary>An E.164 number or an email address (loosely: what Messages shows as an account's description).</summary>
    private static bool IsAddress(string value) =>
        value.Length > 3 && (value.Contains('@', StringComparison.Ordinal) || (value[0] == '+' && value[1..].All(char.IsAsciiDigit)));
}
