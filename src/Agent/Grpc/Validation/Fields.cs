using System.Text.RegularExpressions;
using LineAgent.Agent.Grpc.Errors;

namespace LineAgent.Agent.Grpc.Validation;

/// <summary>Field checks shared by the RPCs; each throws <see cref="InvalidFieldException"/> naming the field.</summary>
public static partial class Fields
{
    /// <summary>Longest idempotency key.</summary>
    public const int MaxIdempotencyKeyLength = 128;

    /// <summary>Longest chat or message GUID accepted.</summary>
    public const int MaxGuidLength = 512;

    // E.164: '+', a non-zero country code digit, at most 15 digits in all.
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    // Messages' chat GUIDs: "<service>;<-|+>;<identifier>", e.g. "iMessage;-;+15551234567",
    // "iMessage;+;chat123456789", and "any;-;…" on macOS 15+ unified chats.
    [GeneratedRegex(@"^(iMessage|SMS|RCS|any);[-+];\S+$")]
    private static partial Regex ChatGuidPattern();

    public static void IdempotencyKey(string? key, string field = "idempotency_key")
    {
        if (string.IsNullOrEmpty(key))
            throw new InvalidFieldException(field, "required (a unique key per logical send, so retries never send twice)");
        if (key.Length > MaxIdempotencyKeyLength)
            throw new InvalidFieldException(field, $"longer than {MaxIdempotencyKeyLength} characters");
        if (key.Any(c => c < '!' || c > '~'))
            throw new InvalidFieldException(field, "only printable ASCII characters without spaces are allowed");
    }

    public static void Handle(string? handle, string field)
    {
        if (string.IsNullOrEmpty(handle))
            throw new InvalidFieldException(field, "required (an E.164 phone number such as \"+15551234567\" or an email address)");
        if (handle.Length > 254 || !(PhonePattern().IsMatch(handle) || EmailPattern().IsMatch(handle)))
            throw new InvalidFieldException(field, $"\"{Shorten(handle)}\" is neither an E.164 phone number (\"+15551234567\") nor an email address");
    }

    public static void ChatGuid(string? guid, string field, bool mustBeGroup = false)
    {
        if (string.IsNullOrEmpty(guid))
            throw new InvalidFieldException(field, "required (a chat GUID such as \"iMessage;-;+15551234567\")");
        if (guid.Length > MaxGuidLength || !ChatGuidPattern().IsMatch(guid))
            throw new InvalidFieldException(field, $"\"{Shorten(guid)}\" is not a Messages chat GUID (\"iMessage;-;+15551234567\", \"iMessage;+;chat…\")");
        if (mustBeGroup && guid.IndexOf(";+;", StringComparison.Ordinal) < 0)
            throw new InvalidFieldException(field, "must be a group chat (its GUID contains \";+;\")");
    }

    public static void Guid(string? guid, string field, string what)
    {
        if (string.IsNullOrEmpty(guid))
            throw new InvalidFieldException(field, $"required (the {what} GUID)");
        if (guid.Length > MaxGuidLength || guid.Any(char.IsControl))
            throw new InvalidFieldException(field, $"\"{Shorten(guid)}\" is not a {what} GUID");
    }

    /// <summary>Page size: 0 → <paramref name="defaultSize"/>; otherwise 1–<paramref name="max"/>.</summary>
    public static int PageSize(int requested, string field = "page_size", int defaultSize = 50, int max = 500)
    {
        if (requested == 0)
            return defaultSize;
        if (requested < 0 || requested > max)
            throw new InvalidFieldException(field, $"must be between 1 and {max} (0 = {defaultSize})");
        return requested;
    }

    /// <summary>Echoes caller input in messages without echoing a whole payload.</summary>
    public static string Shorten(string value) => value.Length <= 64 ? value : value[..61] + "…";
}
