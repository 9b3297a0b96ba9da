using LineAgent.Agent.MessagesApp;
using LineAgent.ChatDbReader.Records;
using LineAgent.FakeChatDb;

namespace LineAgent.Agent.Tests.TestSupport;

/// <summary>How <see cref="StrictMessagesUi"/> misbehaves, to prove the pipeline notices.</summary>
public enum UiFault
{
    /// <summary>Does what Messages does.</summary>
    None,
    /// <summary>Returns as if the UI accepted the action, but nothing reaches chat.db.</summary>
    NothingHappens,
    /// <summary>Fails before touching Messages (nothing sent).</summary>
    RefusesBeforeActing,
    /// <summary>Acts, then reports an ambiguous failure (e.g. kAXErrorCannotComplete after the effect).</summary>
    ActsThenThrows,
    /// <summary>The blind-keystroke failure: the text lands in the compose field and goes out as a plain message.</summary>
    TypesIntoCompose,
    /// <summary>Images: another own message lands between the files (not one send).</summary>
    InterleavesAMessage,
}

/// <summary>
/// A strict in-test <see cref="IMessagesUi"/> that writes to the fake chat.db exactly the rows Messages writes after
/// each action (accessibility reference §4), through <see cref="FakeChatDatabase"/>'s writers. Strict: it resolves
/// the message and chat from chat.db as Messages' deep link would, and when the target it was handed names another
/// chat than the message's own it acts in the chat it was told (the visible wrong thing), so a pipeline that passes
/// a wrong target is caught by verification. It records every call and whether <c>beforeAct</c> ran first.
/// </summary>
public sealed class StrictMessagesUi(FakeChatDatabase db) : IMessagesUi
{
    private readonly List<string> _calls = [];
    private readonly Lock _lock = new();

    /// <summary>The misbehaviour to show on the next actions.</summary>
    public UiFault Fault { get; set; }

    /// <summary>Actions performed, e.g. "reply <guid> 0".</summary>
    public IReadOnlyList<string> Calls { get { lock (_lock) return [.. _calls]; } }

    /// <summary>Calls that acted without running <c>beforeAct</c> first (must stay empty).</summary>
    public int ActedWithoutMark { get; private set; }

    /// <summary>Staged paths handed to the last <see cref="SendImagesAsync"/>.</summary>
    public IReadOnlyList<string> LastImages { get; private set; } = [];

    public Task ReplyAsync(MessageTarget message, string text, CancellationToken cancellationToken, Action? beforeAct = null) =>
        Act($"reply {message.MessageGuid} {message.PartIndex}", beforeAct, () =>
        {
            var chat = Chat(message.Chat);
            var (root, part) = ThreadOf(message);
            var wrongChat = !MessageIsIn(message.MessageGuid, chat);
            db.InsertMessage(new NewMessage
            {
                Text = text, BodyOnly = true, Chats = [chat], IsFromMe = true, IsSent = true, Service = chat.Service,
                Handle = chat.IsGroup ? null : chat.ChatIdentifier,
                // Messages threads only when the overlay of the right message is open; in a wrong chat it cannot.
                ThreadOriginatorGuid = Fault == UiFault.TypesIntoCompose || wrongChat ? null : root,
                ThreadOriginatorPart = Fault == UiFault.TypesIntoCompose || wrongChat ? null : $"{part}:0:{text.Length}",
            });
        });

    public Task EditAsync(MessageTarget message, string newText, CancellationToken cancellationToken, Action? beforeAct = null) =>
        Act($"edit {message.MessageGuid} {message.PartIndex}", beforeAct, () =>
        {
            var chat = Chat(message.Chat);
            if (Fault == UiFault.TypesIntoCompose || !MessageIsIn(message.MessageGuid, chat))
            {
                db.SendText(chat, newText, bodyOnly: true);
                return;
            }
            var row = Own(message.MessageGuid);
            db.Edit(row, newText);
        });

    public Task UnsendAsync(MessageTarget message, CancellationToken cancellationToken, Action? beforeAct = null) =>
        Act($"unsend {message.MessageGuid} {message.PartIndex}", beforeAct, () =>
        {
            if (!MessageIsIn(message.MessageGuid, Chat(message.Chat)))
                return;     // the cell is not in the chat shown: no Undo Send to press
            var row = Own(message.MessageGuid);
            var parts = Convert.ToInt32(db.Scalar("SELECT part_count FROM message WHERE ROWID = $id", ("$id", row.RowId)), System.Globalization.CultureInfo.InvariantCulture);
            if (parts <= 1)
                db.Unsend(row);
            else
                db.Unsend(row, parts: [message.PartIndex], remainingText: "", totalParts: parts);
        });

    public Task MarkReadAsync(ChatTarget chat, CancellationToken cancellationToken, Action? beforeAct = null) =>
        Act($"mark-read {chat.ChatGuid}", beforeAct, () => db.MarkChatRead(Chat(chat)));

    public Task RenameGroupAsync(ChatTarget group, string name, CancellationToken cancellationToken, Action? beforeAct = null) =>
        Act($"rename {group.ChatGuid}", beforeAct, () =>
        {
            var chat = Chat(group);
            if (Fault == UiFault.TypesIntoCompose)
                db.SendText(chat, name, bodyOnly: true);
            else
                db.RenameChat(chat, name);
        });

    public Task SendImagesAsync(SendTarget target, IReadOnlyList<string> stagedPaths, CancellationToken cancellationToken, Action? beforeAct = null) =>
        Act($"images {stagedPaths.Count}", beforeAct, () =>
        {
            LastImages = [.. stagedPaths];
            foreach (var path in stagedPaths)
                Assert.True(File.Exists(path), $"staged file {path} is missing when the UI pastes it");
            var chat = target switch
            {
                ChatTarget c => Chat(c),
                HandleTarget h => db.EnsureDirectChat(h.Handle),
                _ => throw new InvalidOperationException("unknown target"),
            };
            for (var i = 0; i < stagedPaths.Count; i++)
            {
                db.SendAttachment(chat, new NewAttachment { TransferName = Path.GetFileName(stagedPaths[i]) });
                if (i == 0 && Fault == UiFault.InterleavesAMessage)
                    db.SendText(chat, "typed by someone at the Mac");
            }
        });

    // The existing actions belong to the accessibility driver being migrated; these tests do not drive them.
    public Task SendTapbackAsync(MessageTarget message, ReactionType kind, bool remove, CancellationToken cancellationToken, Action? beforeAct = null) => NotModelled();
    public Task SetTypingAsync(SendTarget target, bool typing, CancellationToken cancellationToken, Action? beforeAct = null) => NotModelled();
    public Task SendRichLinkAsync(SendTarget target, string url, CancellationToken cancellationToken, Action? beforeAct = null) => NotModelled();
    public Task CreateGroupAsync(IReadOnlyList<string> addresses, string firstMessage, CancellationToken cancellationToken, Action? beforeAct = null) => NotModelled();
    public Task AddParticipantAsync(ChatTarget group, string address, CancellationToken cancellationToken, Action? beforeAct = null) => NotModelled();
    public Task RemoveParticipantAsync(ChatTarget group, string address, CancellationToken cancellationToken, Action? beforeAct = null) => NotModelled();

    private static Task NotModelled() => throw new NotSupportedException("not modelled by StrictMessagesUi");

    private Task Act(string call, Action? beforeAct, Action effect)
    {
        lock (_lock) _calls.Add(call);
        if (Fault == UiFault.RefusesBeforeActing)
            return Task.FromException(new MessagesDriverException(MessagesFailureKind.UiElementMissing, null,
                "The element was not found (test double). Nothing was sent.", nothingSent: true, "accessibility", null));
        if (beforeAct is null)
            ActedWithoutMark++;
        else
            beforeAct();
        if (Fault != UiFault.NothingHappens)
            effect();
        return Fault == UiFault.ActsThenThrows
            ? Task.FromException(new MessagesDriverException(MessagesFailureKind.Unknown, -25204,
                "Messages did not answer the accessibility action in time (kAXErrorCannotComplete); it may have happened.", nothingSent: false, "accessibility", null))
            : Task.CompletedTask;
    }

    private FakeChat Chat(ChatTarget target) =>
        db.FindChat(target.ChatGuid) ?? throw new InvalidOperationException($"the double was sent to chat {target.ChatGuid}, which chat.db does not hold");

    private bool MessageIsIn(string messageGuid, FakeChat chat) =>
        db.Scalar("SELECT COUNT(*) FROM chat_message_join j JOIN message m ON m.ROWID = j.message_id WHERE m.guid = $g AND j.chat_id = $c",
            ("$g", messageGuid), ("$c", chat.RowId)) is long n && n > 0;

    private (string Root, int Part) ThreadOf(MessageTarget message)
    {
        var root = db.Scalar("SELECT thread_originator_guid FROM message WHERE guid = $g", ("$g", message.MessageGuid)) as string;
        if (string.IsNullOrEmpty(root))
            return (message.MessageGuid, message.PartIndex);
        var rootPart = db.Scalar("SELECT thread_originator_part FROM message WHERE guid = $g", ("$g", message.MessageGuid)) as string;
        return (root, int.TryParse(rootPart?.Split(':')[0], out var p) ? p : 0);
    }

    private FakeMessage Own(string guid)
    {
        // Messages offers Edit and Undo Send only on the owner's own bubbles.
        return db.Scalar("SELECT ROWID FROM message WHERE guid = $g AND is_from_me = 1", ("$g", guid)) is long rowId
            ? new FakeMessage(rowId, guid)
            : throw new MessagesDriverException(MessagesFailureKind.UiElementMissing, null,
                "The message cell offers no such action (not your message).", nothingSent: true, "accessibility", null);
    }
}
