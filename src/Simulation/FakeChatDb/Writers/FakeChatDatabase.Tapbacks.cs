namespace LineAgent.FakeChatDb;

public sealed partial class FakeChatDatabase
{
    private static readonly string[] TapbackVerbs = ["Loved", "Liked", "Disliked", "Laughed at", "Emphasized", "Questioned", "Reacted", "Reacted with a sticker to"];

    /// <summary>
    /// A tapback row: its own GUID, associated_message_type 2000+kind (3000+kind when <paramref name="removed"/>; a
    /// removal is a new row, the 2xxx row stays), associated_message_guid "p:N/GUID" on body part N, or "bp:GUID" on
    /// the whole balloon, emoji in associated_message_emoji (Sequoia+), text = Messages' human-readable fallback.
    /// <paramref name="from"/> null means the owner reacted.
    /// </summary>
    public FakeMessage InsertTapback(FakeChat chat, string targetGuid, TapbackKind kind, string? from = null, int part = 0,
        bool removed = false, string? emoji = null, bool wholeBalloon = false, string? targetText = null, bool bodyOnly = false,
        DateTimeOffset? date = null)
    {
        var verb = removed ? "Removed a reaction from" : TapbackVerbs[(int)kind];
        var quoted = targetText is null ? "a message" : $"\u201C{targetText}\u201D";
        var text = kind == TapbackKind.Emoji && !removed ? $"Reacted {emoji} to {quoted}" : $"{verb} {quoted}";
        return InsertMessage(new NewMessage
        {
            Text = text, BodyOnly = bodyOnly, Chats = [chat], IsFromMe = from is null, IsSent = from is null, Service = chat.Service,
            Handle = from ?? (chat.IsGroup ? null : chat.ChatIdentifier), Date = date,
            AssociatedMessageGuid = wholeBalloon ? $"bp:{targetGuid}" : $"p:{part}/{targetGuid}",
            AssociatedMessageType = (removed ? 3000 : 2000) + (int)kind,
            AssociatedMessageEmoji = kind == TapbackKind.Emoji ? emoji : null,
            AssociatedMessageRangeLength = targetText?.Length ?? 0,
        });
    }

    /// <summary>Convenience overload targeting a message written by this database.</summary>
    public FakeMessage InsertTapback(FakeChat chat, FakeMessage target, TapbackKind kind, string? from = null, int part = 0,
        bool removed = false, string? emoji = null) =>
        InsertTapback(chat, target.Guid, kind, from, part, removed, emoji, targetText: _knownTexts.GetValueOrDefault(target.RowId));
}
