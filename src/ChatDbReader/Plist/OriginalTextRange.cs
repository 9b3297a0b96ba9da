namespace LineAgent.ChatDbReader.Plist;

/// <summary>
/// Where a message part sat in the original (pre-edit) body: <c>message_summary_info.otr["part"] = {lo, le}</c>,
/// an NSRange, so both numbers are UTF-16 code units.
/// </summary>
/// <param name="Location">Key <c>lo</c>: start offset in UTF-16 code units.</param>
/// <param name="Length">Key <c>le</c>: length in UTF-16 code units.</param>
public readonly record struct OriginalTextRange(int Location, int Length);
