using System.Globalization;
using LineAgent.Agent.Correlation;
using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// What a reply, edit, unsend, mark-read, rename or membership change acts on, read from chat.db and checked against Apple's limits
/// (edit: 15 minutes, 5 edits per part; unsend: 2 minutes — reference §3.3–3.4). Checked when the request is
/// accepted (so the caller hears NOT_FOUND / FAILED_PRECONDITION at once) and again just before the UI acts (a send
/// that waited its turn past a limit fails, nothing sent). A UI action acts in whatever conversation its deep link
/// opens, so the chat always comes from chat.db, never from the caller.
/// </summary>
public static class MessageActionTargets
{
    /// <summary>Apple's edit window.</summary>
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(15);

    /// <summary>Apple's limit of edits per message part.</summary>
    public const int MaxEdits = 5;

    /// <summary>Apple's unsend window.</summary>
    public static readonly TimeSpan UnsendWindow = TimeSpan.FromMinutes(2);

    /// <summary>The message (and its chat) a message-level request aims at; throws when it cannot be acted on now.</summary>
    /// <exception cref="SendTargetNotFoundException">No such message, part or chat in chat.db.</exception>
    /// <exception cref="SendPreconditionException">A limit Messages would refuse: not own, too old, too many edits, unsent.</exception>
    public static (MessageRecord Message, ChatRecord Chat) Message(IChatDbView chatDb, string messageGuid, int partIndex,
        SendKind kind, DateTimeOffset now)
    {
        var message = chatDb.GetMessage(messageGuid);
        if (message is null || message.Kind != MessageKind.Message)
            throw new SendTargetNotFoundException("message_guid", "message", messageGuid);
        var parts = Math.Max(1, message.PartCount ?? 1);
        if (partIndex >= parts && !(message.PartCount == 0 && partIndex == 0))
            throw new SendTargetNotFoundException("part_index", $"part of message {messageGuid} (it has {parts})",
                partIndex.ToString(CultureInfo.InvariantCulture));
        var chat = message.ChatGuids.Select(chatDb.GetChat).FirstOrDefault(c => c is not null)
            ?? throw new SendTargetNotFoundException("message_guid", "chat of message", messageGuid);
        if (message.IsUnsent || message.UnsentParts.Contains(partIndex))
            throw new SendPreconditionException("message_guid", $"part {partIndex} of message {messageGuid} was unsent; there is nothing left to act on.");

        if (kind is SendKind.Edit or SendKind.Unsend)
        {
            var verb = kind == SendKind.Edit ? "edit" : "unsend";
            if (!message.IsFromMe)
                throw new SendPreconditionException("message_guid", $"message {messageGuid} was not sent by this line; Messages can only {verb} your own messages.");
            if (message.Error != 0 || !message.IsSent)
                throw new SendPreconditionException("message_guid", $"message {messageGuid} has not been sent (or failed); there is nothing to {verb}.");
            var window = kind == SendKind.Edit ? EditWindow : UnsendWindow;
            if (message.Date is not { } sentAt || now - sentAt > window)
                throw new SendPreconditionException("message_guid",
                    $"message {messageGuid} was sent more than {window.TotalMinutes:0} minutes ago; Messages allows {verb} only within {window.TotalMinutes:0} minutes of sending.");
        }
        if (kind == SendKind.Edit)
        {
            if (PartIsAttachment(message, partIndex))
                throw new SendPreconditionException("part_index", $"part {partIndex} of message {messageGuid} is an attachment; only text can be edited.");
            if (message.EditCounts.TryGetValue(partIndex, out var edits) && edits >= MaxEdits)
                throw new SendPreconditionException("message_guid",
                    $"part {partIndex} of message {messageGuid} was already edited {edits} times; Messages allows at most {MaxEdits} edits.");
        }
        return (message, chat);
    }

    /// <summary>
    /// The chat a chat-level request aims at; throws <see cref="SendTargetNotFoundException"/> when chat.db has none,
    /// and <see cref="SendPreconditionException"/> when <paramref name="onlyGroups"/> says what only groups have
    /// ("names", "members") and it is not a group.
    /// </summary>
    public static ChatRecord Chat(IChatDbView chatDb, string chatGuid, string? onlyGroups = null)
    {
        var chat = chatDb.GetChat(chatGuid) ?? throw new SendTargetNotFoundException("chat_guid", "chat", chatGuid);
        if (onlyGroups is not null && !chat.IsGroup)
            throw new SendPreconditionException("chat_guid", $"chat {chatGuid} is not a group chat; only groups have {onlyGroups}.");
        return chat;
    }

    /// <summary>
    /// The group a membership change aims at, refusing a change chat.db says is already so: adding a member, removing
    /// someone who is not one (Messages would change nothing, so nothing could be verified).
    /// </summary>
    public static ChatRecord Membership(IChatDbView chatDb, string chatGuid, string handle, bool add)
    {
        var chat = Chat(chatDb, chatGuid, onlyGroups: "members");
        var member = chat.Participants.Contains(handle, StringComparer.OrdinalIgnoreCase);
        if (add && member)
            throw new SendPreconditionException("handle", $"{handle} is already a member of {chatGuid}.");
        if (!add && !member)
            throw new SendPreconditionException("handle", $"{handle} is not a member of {chatGuid}.");
        return chat;
    }

    /// <summary>The current text of one part (the run(s) with that part index), or null when unknown.</summary>
    public static string? PartText(MessageRecord message, int partIndex)
    {
        if (message.Body is { Parts.Count: > 0 } body)
        {
            var runs = body.Parts.Where(p => p.Index == partIndex).ToList();
            return runs.Count == 0 ? null : string.Concat(runs.Select(r => r.Text));
        }
        return partIndex == 0 ? message.Text : null;
    }

    /// <summary>Checks <paramref name="request"/>'s target when it is one of the kinds above (others pass).</summary>
    public static void Check(OutboundRequest request, IChatDbView chatDb, DateTimeOffset now)
    {
        switch (request)
        {
            case ReplySend r:
                Message(chatDb, r.MessageGuid, r.PartIndex, SendKind.Reply, now);
                break;
            case EditSend e:
                var (message, _) = Message(chatDb, e.MessageGuid, e.PartIndex, SendKind.Edit, now);
                if (string.Equals(PartText(message, e.PartIndex), e.Text, StringComparison.Ordinal))
                    throw new SendPreconditionException("text", $"part {e.PartIndex} of message {e.MessageGuid} already has this text; nothing to edit.");
                break;
            case UnsendSend u:
                Message(chatDb, u.MessageGuid, u.PartIndex, SendKind.Unsend, now);
                break;
            case MarkReadSend m:
                Chat(chatDb, m.ChatGuid);
                break;
            case RenameChatSend n:
                Chat(chatDb, n.ChatGuid, onlyGroups: "names");
                break;
            case AddParticipantSend a:
                Membership(chatDb, a.ChatGuid, a.Handle, add: true);
                break;
            case RemoveParticipantSend r:
                Membership(chatDb, r.ChatGuid, r.Handle, add: false);
                break;
        }
    }

    private static bool PartIsAttachment(MessageRecord message, int partIndex) =>
        message.Body?.Parts.Any(p => p.Index == partIndex && p.AttachmentGuid is not null) ?? false;
}
