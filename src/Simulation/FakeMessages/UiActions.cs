using LineAgent.FakeChatDb;

namespace LineAgent.FakeMessages;

/// <summary>What the UI-scripted actions leave in chat.db (or, for typing, in a side log).</summary>
public static class UiActions
{
    /// <summary>Cmd-T + digit on the message the link selects: a tapback row (a second identical one removes it).</summary>
    public static string Tapback(SimWriter writer, string link, string number)
    {
        var target = DeepLink.Parse(link).Get("message-guid") ?? throw new OsaError(-1728, "Can’t get message.");
        if (!int.TryParse(number, out var n) || n is < 1 or > 6)
            throw new OsaError(-1703, $"Can’t make \"{number}\" into a tapback.");
        var kind = (TapbackKind)(n - 1);
        var db = writer.Db;
        var chatGuid = db.Scalar("""
            SELECT c.guid FROM message m JOIN chat_message_join j ON j.message_id = m.ROWID JOIN chat c ON c.ROWID = j.chat_id
            WHERE m.guid = $g LIMIT 1
            """, ("$g", target)) as string ?? throw new OsaError(-1719, "Can’t get the message cell (invalid index).");
        var chat = db.FindChat(chatGuid)!;
        // The picker toggles: choosing the tapback you already left removes it.
        var last = db.Scalar("""
            SELECT associated_message_type FROM message WHERE is_from_me = 1 AND associated_message_guid LIKE $t
            AND associated_message_type IN ($add, $remove) ORDER BY ROWID DESC LIMIT 1
            """, ("$t", "%/" + target), ("$add", 2000 + (int)kind), ("$remove", 3000 + (int)kind)) as long?;
        var remove = last == 2000 + (int)kind;
        // Same row shape as FakeChatDatabase.InsertTapback, written through SimWriter (encoder fallback).
        var verbs = new[] { "Loved", "Liked", "Disliked", "Laughed at", "Emphasized", "Questioned" };
        writer.Insert(new NewMessage
        {
            Text = remove ? "Removed a reaction from a message" : $"{verbs[(int)kind]} a message", Chats = [chat], IsFromMe = true,
            IsSent = true, Service = chat.Service, Handle = chat.IsGroup ? null : chat.ChatIdentifier,
            AssociatedMessageGuid = $"p:0/{target}", AssociatedMessageType = (remove ? 3000 : 2000) + (int)kind,
        });
        return "ok";
    }

    /// <summary>Typing leaves nothing in chat.db; the simulator records it in &lt;chat.db&gt;.typing.log.</summary>
    public static string Typing(string chatDbPath, string link, string state)
    {
        if (state is not ("start" or "stop"))
            throw new OsaError(-1703, "ui-set-typing: state must be start or stop.");
        var parsed = DeepLink.Parse(link);
        File.AppendAllText(chatDbPath + ".typing.log", $"{state} {parsed.Get("groupid") ?? parsed.Get("address")} body={parsed.Get("body") is not null}\n");
        return "ok";
    }

    /// <summary>Compose to several addresses + Return: a new group chat whose first row is the prefilled body.</summary>
    public static string CreateGroup(SimWriter writer, string link)
    {
        var parsed = DeepLink.Parse(link);
        var body = parsed.Get("body");
        if (parsed.Addresses.Count < 2 || string.IsNullOrEmpty(body))
            throw new OsaError(-1719, "Can’t get the compose field (invalid index).");
        var chat = writer.Db.CreateGroupChat(parsed.Addresses);
        writer.InsertOutgoing(chat, body, null, chat.Service, sentNow: true);
        return "ok";
    }

    /// <summary>The URL typed into the compose field: a from-me row whose text is the URL, rendered as a link balloon.</summary>
    public static string RichLink(SimWriter writer, string link)
    {
        var parsed = DeepLink.Parse(link);
        var url = parsed.Get("body");
        if (string.IsNullOrEmpty(url))
            throw new OsaError(-1719, "Can’t get the compose field (invalid index).");
        var chat = FindConversation(writer.Db, parsed);
        writer.InsertOutgoing(chat, url, chat.IsGroup ? null : chat.ChatIdentifier, chat.Service, sentNow: true,
            balloonBundleId: "com.apple.messages.URLBalloonProvider");
        return "ok";
    }

    /// <summary>Details popover + address + Return (or row + Delete): a group-action row, chat_handle_join updated.</summary>
    public static string Participant(SimWriter writer, string link, string address, bool add)
    {
        var chat = FindConversation(writer.Db, DeepLink.Parse(link));
        if (!chat.IsGroup)
            throw new OsaError(-1719, "Can’t get the participants list (invalid index).");
        var member = writer.Db.Scalar("""
            SELECT 1 FROM chat_handle_join j JOIN handle h ON h.ROWID = j.handle_id WHERE j.chat_id = $c AND h.id = $a
            """, ("$c", chat.RowId), ("$a", address)) is not null;
        if (add && !member)
            writer.Db.AddParticipant(chat, address);
        else if (!add && member)
            writer.Db.RemoveParticipant(chat, address);
        else if (!add)
            throw new OsaError(-1728, "Participant not found in the conversation details.");
        return "ok";
    }

    private static FakeChat FindConversation(FakeChatDatabase db, DeepLink link)
    {
        if (link.Get("groupid") is { } groupId)
        {
            var guid = db.Scalar("SELECT guid FROM chat WHERE chat_identifier = $i AND style = 43 LIMIT 1", ("$i", groupId)) as string
                ?? throw new OsaError(-1728, $"Can’t get chat “{groupId}”.");
            return db.FindChat(guid)!;
        }
        var address = link.Get("address") ?? throw new OsaError(-1728, "Can’t get the conversation.");
        return db.EnsureDirectChat(address);
    }
}
