using System.Buffers.Text;
using System.Globalization;
using System.Text;
using LineAgent.Agent.Grpc.Errors;

namespace LineAgent.Agent.Grpc.History;

/// <summary>
/// Opaque page tokens: base64url of "v1|&lt;scope&gt;|&lt;after&gt;|&lt;before&gt;". The scope (chat GUID or "chats") binds a
/// token to the listing it came from; the bounds are chat.db ROWIDs (0 = none).
/// </summary>
public readonly record struct PageToken(string Scope, long After, long Before)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"v1|{After}|{Before}|{Scope}")));

    /// <summary>Decodes a token; throws INVALID_ARGUMENT naming <paramref name="field"/> when it is not one of ours for this scope.</summary>
    public static PageToken Decode(string token, string scope, string field = "page_token")
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('|', 4);
            if (parts.Length == 4 && parts[0] == "v1"
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var after)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var before))
            {
                if (parts[3] != scope)
                    throw new InvalidFieldException(field, "belongs to a different listing (another chat); start again without a page_token");
                return new PageToken(scope, after, before);
            }
        }
        catch (FormatException)
        {
        }
        throw new InvalidFieldException(field, "not a page token returned by this API");
    }
}
