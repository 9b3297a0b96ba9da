namespace LineAgent.FakeChatDb;

public sealed partial class FakeChatDatabase
{
    /// <summary>
    /// A group-event row (no body): item_type 1 + group_action_type 0/1 = member added/removed (other_handle = who),
    /// 2 = renamed (group_title), 3 + 0 = member left, 3 + 1/2 = group photo changed/removed.
    /// <paramref name="actor"/> null means the owner did it.
    /// </summary>
    public FakeMessage InsertGroupAction(FakeChat chat, int itemType, int groupActionType, string? actor = null,
        string? otherHandle = null, string? title = null, DateTimeOffset? date = null) =>
        InsertMessage(new NewMessage
        {
            Chats = [chat], IsFromMe = actor is null, IsSent = actor is null, Handle = actor, Service = chat.Service, Date = date,
            ItemType = itemType, GroupActionType = groupActionType, OtherHandle = otherHandle, GroupTitle = title,
        });

    /// <summary><paramref name="handle"/> was added to the group (chat_handle_join + item_type 1 / action 0).</summary>
    public FakeMessage AddParticipant(FakeChat chat, string handle, string? by = null)
    {
        Execute("INSERT OR IGNORE INTO chat_handle_join (chat_id, handle_id) VALUES ($c, $h)", ("$c", chat.RowId), ("$h", EnsureHandle(handle, chat.Service)));
        return InsertGroupAction(chat, 1, 0, by, handle);
    }

    /// <summary><paramref name="handle"/> was removed from the group (item_type 1 / action 1).</summary>
    public FakeMessage RemoveParticipant(FakeChat chat, string handle, string? by = null)
    {
        var message = InsertGroupAction(chat, 1, 1, by, handle);
        Execute("DELETE FROM chat_handle_join WHERE chat_id = $c AND handle_id = $h", ("$c", chat.RowId), ("$h", EnsureHandle(handle, chat.Service)));
        return message;
    }

    /// <summary><paramref name="handle"/> left the group (item_type 3 / action 0, handle_id = who left; null = the owner).</summary>
    public FakeMessage ParticipantLeft(FakeChat chat, string? handle)
    {
        var message = InsertGroupAction(chat, 3, 0, handle);
        if (handle is not null)
            Execute("DELETE FROM chat_handle_join WHERE chat_id = $c AND handle_id = $h", ("$c", chat.RowId), ("$h", EnsureHandle(handle, chat.Service)));
        return message;
    }

    /// <summary>The group was renamed to <paramref name="title"/> (item_type 2, group_title; chat.display_name updated).</summary>
    public FakeMessage RenameChat(FakeChat chat, string title, string? by = null)
    {
        Execute("UPDATE chat SET display_name = $n WHERE ROWID = $id", ("$n", title), ("$id", chat.RowId));
        return InsertGroupAction(chat, 2, 0, by, title: title);
    }

    /// <summary>The group photo changed (item_type 3 / action 1, the new photo joined as an attachment).</summary>
    public FakeMessage ChangeGroupPhoto(FakeChat chat, string? by = null, NewAttachment? photo = null)
    {
        var message = InsertGroupAction(chat, 3, 1, by);
        InsertAttachment(message, photo ?? new NewAttachment { TransferName = "GroupPhoto.jpeg" });
        return message;
    }

    /// <summary>The group photo was removed (item_type 3 / action 2).</summary>
    public FakeMessage RemoveGroupPhoto(FakeChat chat, string? by = null) => InsertGroupAction(chat, 3, 2, by);
}
