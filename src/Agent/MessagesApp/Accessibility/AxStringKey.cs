namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>Which Apple bundle holds a localised string (Beeper LocalizedStrings.swift reads the same two).</summary>
public enum AxBundle
{
    /// <summary>ChatKitFramework.axbundle, table "Accessibility": element and custom-action titles.</summary>
    ChatKitAccessibility,
    /// <summary>ChatKit.framework, table "ChatKit": menu and thread-cell titles.</summary>
    ChatKit,
}

/// <summary>
/// One of Messages' localised titles: resolved at run time from Messages' own tables (as Beeper does), with the
/// titles peers have seen as a fallback (English, plus "Tapback", which the 26.0 tables use in de/fr/ja/es too).
/// </summary>
public sealed record AxStringKey(AxBundle Bundle, string Table, string Key, IReadOnlyList<string> KnownTitles)
{
    /// <summary>The message cell's custom action that opens the tapback picker ("React" before 26, "Tapback" on 26).</summary>
    public static readonly AxStringKey TapbackAction = Ax("acknowledgments.action.title", "Tapback", "React");
    /// <summary>The message cell's inline-reply custom action.</summary>
    public static readonly AxStringKey ReplyAction = Ax("balloon.message.reply", "Reply");
    /// <summary>The message cell's edit custom action (around macOS 15+).</summary>
    public static readonly AxStringKey EditAction = Ax("edit.button", "Edit");
    /// <summary>"Send edit" beside the editing field.</summary>
    public static readonly AxStringKey EditConfirm = Ax("editing.confirm.button", "Send edit");
    /// <summary>"Cancel edit" (present even when not editing).</summary>
    public static readonly AxStringKey EditCancel = Ax("editing.reject.button", "Cancel edit");
    /// <summary>AXDescription of the reply-transcript overlay.</summary>
    public static readonly AxStringKey ReplyTranscript = Ax("group.reply.collection", "Reply transcript");
    /// <summary>The "Undo Send" custom action (ChatKit table; English value not in any public dump).</summary>
    public static readonly AxStringKey UndoSendAction = new(AxBundle.ChatKit, "ChatKit", "UNDO_SEND_ACTION", ["Undo Send"]);
    /// <summary>The thread cell's "Mark as Read" custom action.</summary>
    public static readonly AxStringKey MarkAsRead = new(AxBundle.ChatKit, "ChatKit", "MARK_AS_READ", ["Mark as Read"]);
    /// <summary>The compose field's placeholder for iMessage chats.</summary>
    public static readonly AxStringKey IMessagePlaceholder = new(AxBundle.ChatKit, "ChatKit", "MADRID", ["iMessage"]);
    /// <summary>The compose field's placeholder for SMS chats.</summary>
    public static readonly AxStringKey TextMessagePlaceholder = new(AxBundle.ChatKit, "ChatKit", "TEXT_MESSAGE", ["Text Message"]);

    /// <summary>"Add Member" in the group's Details (UNPROVEN: no public element path or key; the key is a guess).</summary>
    public static readonly AxStringKey AddMember = new(AxBundle.ChatKit, "ChatKit", "ADD_MEMBER", ["Add Member"]);
    /// <summary>A member row's remove action in Details (UNPROVEN: no public element path or key; the key is a guess).</summary>
    public static readonly AxStringKey RemoveMember = new(AxBundle.ChatKit, "ChatKit", "REMOVE_MEMBER", ["Remove from Conversation", "Remove"]);

    /// <summary>The per-kind tapback titles (picker button descriptions, 26.6 per-balloon action names).</summary>
    public static AxStringKey TapbackKind(ChatDbReader.Records.ReactionType kind) => kind switch
    {
        ChatDbReader.Records.ReactionType.Love => Ax("acknowledgment.type.heart", "Heart"),
        ChatDbReader.Records.ReactionType.Like => Ax("acknowledgment.type.thumbs.up", "Thumbs up"),
        ChatDbReader.Records.ReactionType.Dislike => Ax("acknowledgment.type.thumbs.down", "Thumbs down"),
        ChatDbReader.Records.ReactionType.Laugh => Ax("acknowledgment.type.ha", "Ha ha!"),
        ChatDbReader.Records.ReactionType.Emphasize => Ax("acknowledgment.type.exclamation", "Exclamation mark"),
        ChatDbReader.Records.ReactionType.Question => Ax("acknowledgment.type.question.mark", "Question mark"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "only the six classic tapbacks have picker buttons"),
    };

    private static AxStringKey Ax(string key, params string[] known) => new(AxBundle.ChatKitAccessibility, "Accessibility", key, known);
}
