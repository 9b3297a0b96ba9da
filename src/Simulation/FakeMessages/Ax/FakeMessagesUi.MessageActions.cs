using LineAgent.FakeChatDb;

namespace LineAgent.FakeMessages.Ax;

/// <summary>
/// The fake's edit mode, Undo Send, thread-cell Mark as Read and the group name in Details (reference §2.4, §3.3–3.5,
/// §7.2). Strict like the rest: Edit and Undo Send are offered only on the owner's own bubbles within Apple's limits
/// (15 minutes and 5 edits — edits made through this fake — and 2 minutes); the editor writes the edit only when its
/// own "Send edit" is pressed (a Return goes to the compose field and sends the text as a new message); Mark as Read
/// reads the thread it is performed on, whichever that is. The Details name field is MODELLED (no public evidence).
/// </summary>
public sealed partial class FakeMessagesUi
{
    private static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(15), UnsendWindow = TimeSpan.FromMinutes(2);

    private (string Chat, string Guid, string Value)? _editing;
    private readonly Dictionary<string, int> _editsMade = new(StringComparer.Ordinal);
    private string? _nameValue;

    /// <summary>True while a message editor is open.</summary>
    public bool EditorOpen
    {
        get
        {
            lock (_sync)
                return _editing is not null;
        }
    }

    /// <summary>Opens the editor on a message (as if a person started an edit and left it open).</summary>
    public void OpenEditor(string messageGuid) => Arrange(_ =>
        _editing = (ChatOfMessage(messageGuid) ?? "", messageGuid, MessageText(messageGuid)));

    /// <summary>Edit (15+, Beeper: "might've been added around macOS 15") and Undo Send (13+) on own bubbles, within the limits.</summary>
    private void AddOwnMessageActions(FakeElement cell, MessageRow message)
    {
        if (!message.FromMe)
            return;
        var guid = message.Guid;
        var age = DateTimeOffset.UtcNow - SentAt(guid);
        var unsent = _db.Scalar("SELECT COUNT(*) FROM message WHERE guid = $g AND (date_retracted > 0 OR is_empty = 1 OR part_count = 0)", ("$g", guid)) is long n && n > 0;
        if (unsent)
            return;
        if (Version >= MacVersion.V15 && age <= EditWindow && _editsMade.GetValueOrDefault(guid) < 5 && !Faults.MissingActions.Contains("edit.button"))
            cell.Action(FakeElement.Custom(L("edit.button")), () => _editing = (_shownChat ?? "", guid, MessageText(guid)));
        if (age <= UnsendWindow && !Faults.MissingActions.Contains("UNDO_SEND_ACTION"))
            cell.Action(FakeElement.Custom(L("UNDO_SEND_ACTION")), () => UndoSend(guid));
    }

    /// <summary>The editor (Beeper 6dd23b2: "Cancel edit", the editing balloon's text field, "Send edit").</summary>
    private FakeElement? Editor()
    {
        if (_editing is not { } editing || editing.Chat != _shownChat)
            return null;
        var editor = new FakeElement("app/w/c/0/edit", "AXGroup") { Identifier = "CKMessageEditingBalloonView" };
        editor.Action("AXCancel", () => _editing = null);
        editor.Add(new FakeElement("app/w/c/0/edit/cancel", "AXButton") { Description = L("editing.reject.button") }
            .Action("AXPress", () => _editing = null));
        editor.Add(new FakeElement("app/w/c/0/edit/field", "AXTextField")
        {
            Value = editing.Value.Length == 0 ? null : editing.Value,
            OnSetValue = v => _editing = _editing is { } e ? e with { Value = v } : null,
        });
        editor.Add(new FakeElement("app/w/c/0/edit/send", "AXButton") { Description = L("editing.confirm.button") }
            .Action("AXPress", SendEdit));
        return editor;
    }

    private void SendEdit()
    {
        if (_editing is not { } editing || _db.Scalar("SELECT ROWID FROM message WHERE guid = $g", ("$g", editing.Guid)) is not long rowId)
            return;
        _editing = null;
        if (editing.Value.Length == 0 || editing.Value == MessageText(editing.Guid))
            return;     // Messages sends no edit for an empty or unchanged text
        _db.Edit(new FakeMessage(rowId, editing.Guid), editing.Value);
        _editsMade[editing.Guid] = _editsMade.GetValueOrDefault(editing.Guid) + 1;
        Log("edited " + editing.Guid);
    }

    private void UndoSend(string guid)
    {
        if (_db.Scalar("SELECT ROWID FROM message WHERE guid = $g", ("$g", guid)) is not long rowId)
            return;
        _db.Unsend(new FakeMessage(rowId, guid));     // Tahoe: the edit-style record, date_retracted left 0
        Log("unsent " + guid);
    }

    /// <summary>The thread cell's Mark as Read (when something is unread) or Mark as Unread.</summary>
    private void AddThreadActions(FakeElement cell, string chatGuid)
    {
        var unread = _db.Scalar("""
            SELECT COUNT(*) FROM message m JOIN chat_message_join j ON j.message_id = m.ROWID JOIN chat c ON c.ROWID = j.chat_id
            WHERE c.guid = $g AND m.is_from_me = 0 AND m.is_read = 0 AND m.item_type = 0 AND m.associated_message_type = 0
            """, ("$g", chatGuid)) is long n && n > 0;
        if (unread)
            cell.Action(FakeElement.Custom(L("MARK_AS_READ")), () =>
            {
                if (_db.FindChat(chatGuid) is { } chat)
                {
                    _db.MarkChatRead(chat);
                    Log("read " + chatGuid);
                }
            });
        else
            cell.Action(FakeElement.Custom(L("MARK_AS_UNREAD")), () => { });
    }

    /// <summary>MODELLED: the group's name as an editable field in Details; AXConfirm renames (a group-action row).</summary>
    private void AddNameField(FakeElement details, ChatRow chat)
    {
        var current = _nameValue ?? chat.DisplayName ?? "";
        details.Add(new FakeElement("app/w/c/0/details/name", "AXTextField")
        {
            Identifier = "CKDetailsGroupNameField", Value = current.Length == 0 ? null : current,
            OnSetValue = v => _nameValue = v,
        }.Action("AXConfirm", () =>
        {
            var name = _nameValue ?? chat.DisplayName ?? "";
            _nameValue = null;
            if (name == (chat.DisplayName ?? "") || _db.FindChat(chat.Guid) is not { } target)
                return;
            _db.RenameChat(target, name);
            Log("renamed " + chat.Guid);
        }));
    }

    /// <summary>The root of the inline thread a reply to <paramref name="guid"/> joins (Messages threads under the root).</summary>
    private string ThreadRoot(string guid) =>
        _db.Scalar("SELECT thread_originator_guid FROM message WHERE guid = $g", ("$g", guid)) as string is { Length: > 0 } root ? root : guid;

    private string MessageText(string guid) =>
        _db.Scalar("SELECT COALESCE(text, '') FROM message WHERE guid = $g", ("$g", guid)) as string ?? "";

    private DateTimeOffset SentAt(string guid)
    {
        var ns = _db.Scalar("SELECT date FROM message WHERE guid = $g", ("$g", guid)) as long? ?? 0;
        return new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(ns / 100);
    }
}
