namespace LineAgent.FakeChatDb;

/// <summary>Writes typedstream NSMutableAttributedString blobs as Messages stores them in <c>message.attributedBody</c>.</summary>
public static class TypedStreamEncoder
{
    /// <summary>
    /// Encodes <paramref name="text"/> with <paramref name="runs"/> (default: one run over the whole text with
    /// <c>__kIMMessagePartAttributeName</c> = 0).
    /// </summary>
    public static byte[] Encode(string text, IReadOnlyList<EncodedRun>? runs = null) =>
        throw new NotImplementedException("typedstream encoder: in progress");
}
