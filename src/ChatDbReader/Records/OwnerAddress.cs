namespace LineAgent.ChatDbReader.Records;

/// <summary>
/// An address (phone number or email) the Apple ID signed in to Messages sends from, as chat.db records it:
/// message.destination_caller_id on own rows and chat.account_login ("E:…" / "P:…", prefix removed).
/// </summary>
/// <param name="Address">"+15551234567" or "someone@icloud.com".</param>
/// <param name="MessagesSent">Own rows sent from it (destination_caller_id); 0 when only a chat's account_login names it.</param>
/// <param name="LastUsedAt">The newest own row sent from it, or null.</param>
public sealed record OwnerAddress(string Address, long MessagesSent, DateTimeOffset? LastUsedAt);
