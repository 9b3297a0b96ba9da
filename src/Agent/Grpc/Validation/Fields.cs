using System.Text.RegularExpressions;
using LineAgent.Agent.Grpc.Errors;
using LineAgent.Agent.Line;
using LineAgent.Agent.Outbox;

namespace LineAgent.Agent.Grpc.Validation;

/// <summary>Field checks shared by the RPCs; each throws <see cref="InvalidFieldException"/> naming the field.</summary>
public static partial class Fields
{
    /// <summary>Longest idempotency key.</summary>
    public const int MaxIdempotencyKeyLength = 128;

    /// <summary>Longest chat or message GUID accepted.</summary>
    public const int MaxGuidLength = 512;

    // Every pattern is anchored with \z, not $: in .NET "$" also matches before a final "\n". Handles: HandleSyntax.

    // Messages' chat GUIDs: "<service>;<-|+>;<identifier>", e.g. "iMessage;-;+15551234567",
    // "iMessage;+;chat123456789", "any;-;…" on macOS 15+ unified chats and "iMessage;-;urn:biz:…" for business
    // chats. The identifier is a handle, a chat id or a GUID: ASCII letters, digits and @ . _ % + - : only.
    [GeneratedRegex(@"^(iMessage|SMS|RCS|any);[-+];[A-Za-z0-9@._%+:-]+\z")]
    private static partial Regex ChatGuidPattern();

    // RFC 6838 restricted-name characters, "type/subtype".
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\\z")]
    private static partial Regex MimeTypePattern();

    [GeneratedRegex("^[0-9A-Fa-f]{64}\\z")]
    private static partial Regex Sha256Pattern();

    /// <summary>Longest email address (RFC 5321 path limit).</summary>
    public const int MaxEmailLength = HandleSyntax.MaxEmailLength;

    /// <summary>Longest email local part (RFC 5321).</summary>
    public const int MaxEmailLocalPartLength = HandleSyntax.MaxEmailLocalPartLength;

    public static void IdempotencyKey(string? key, string field = "idempotency_key")
    {
        if (string.IsNullOrEmpty(key))
            throw new InvalidFieldException(field, "required (a unique key per logical send, so retries never send twice)");
        if (key.Length > MaxIdempotencyKeyLength)
            throw new InvalidFieldException(field, $"longer than {MaxIdempotencyKeyLength} characters");
        if (key.Any(c => c < '!' || c > '~'))
            throw new InvalidFieldException(field, "only printable ASCII characters without spaces are allowed");
        if (LineTrafficKeys.IsReserved(key))
            throw new InvalidFieldException(field, $"keys starting with \"{LineTrafficKeys.Prefix}\" are reserved for the line's own traffic (the canary)");
    }

    public static void Handle(string? handle, string field)
    {
        if (string.IsNullOrEmpty(handle))
            throw new InvalidFieldException(field, "required (an E.164 phone number such as \"+15551234567\" or an email address)");
        if (!IsPhoneNumber(handle) && !IsEmailAddress(handle))
            throw new InvalidFieldException(field, $"\"{Shorten(handle)}\" is neither an E.164 phone number (\"+15551234567\") nor an email address");
    }

    /// <summary>An E.164 number, the whole string.</summary>
    public static bool IsPhoneNumber(string handle) => HandleSyntax.IsPhoneNumber(handle);

    /// <summary>An address of the conservative grammar above, the whole string.</summary>
    public static bool IsEmailAddress(string handle) => HandleSyntax.IsEmailAddress(handle);

    /// <summary>A media type "type/subtype" of RFC 6838 characters, the whole string.</summary>
    public static bool IsMimeType(string value) => MimeTypePattern().IsMatch(value);

    /// <summary>64 hexadecimal digits, the whole string.</summary>
    public static bool IsSha256Hex(string value) => Sha256Pattern().IsMatch(value);

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
        // chat.db GUIDs are ASCII ("3F2A…", "p:0/3F2A…", "at_0_3F2A…"): printable, no spaces, no quotes or backslash.
        if (guid.Length > MaxGuidLength || guid.Any(c => c is < '!' or > '~' or '"' or '\'' or '`' or '\\'))
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
