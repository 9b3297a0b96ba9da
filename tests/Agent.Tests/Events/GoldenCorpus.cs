using LineAgent.FakeChatDb;

namespace LineAgent.Agent.Tests.Events;

/// <summary>
/// A deterministic fake chat.db with every row shape the wire formats carry: texts with quotes, controls, emoji and
/// accents, body-only rows, tapbacks (classic, emoji, removed, whole balloon), group changes, attachments (finished,
/// in transfer, without a path), edits, full and partial unsends, receipts, failures, replies, mentions and links,
/// app balloons, a row in two chats and one in none, sub-millisecond dates. Every GUID is fixed, so output can be
/// compared byte for byte across code versions.
/// </summary>
public static class GoldenCorpus
{
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    public static void Create(string path, SchemaVariant variant)
    {
        using var w = FakeChatDatabase.Create(path, variant);
        w.Clock = () => Now;
        var n = 0;
        string G() => $"0000000{++n:D1}-GOLD-4000-8000-{n:D12}";

        var direct = w.EnsureDirectChat("+14155550101");
        var sms = w.EnsureDirectChat("+14155550199", "SMS");
        var group = w.EnsureChat($"{w.GuidPrefix("iMessage")};+;chat900000000000000001", isGroup: true, "chat900000000000000001",
            displayName: "Team \u00E9t\u00E9 \U0001F389");
        w.EnsureHandle("+14155550101");
        w.Execute("INSERT OR IGNORE INTO chat_handle_join (chat_id, handle_id) VALUES ($c, $h)", ("$c", group.RowId), ("$h", w.EnsureHandle("+14155550101")));
        w.Execute("INSERT OR IGNORE INTO chat_handle_join (chat_id, handle_id) VALUES ($c, $h)", ("$c", group.RowId), ("$h", w.EnsureHandle("b@example.com")));

        var hello = w.InsertMessage(new() { Guid = G(), Text = "hi \"there\" <b>&amp;</b> caf\u00E9 \U0001F600\n\ttab\u0001ctl", Chats = [direct], Handle = "+14155550101" });
        w.InsertMessage(new() { Guid = G(), Text = "body only", BodyOnly = true, Chats = [group], Handle = "b@example.com", Date = Now.AddTicks(1234) });
        var mine = w.InsertMessage(new() { Guid = G(), Text = "pending then sent", Chats = [direct], IsFromMe = true, Handle = "+14155550101" });
        w.MarkSent(mine);
        w.MarkDelivered(mine, Now.AddSeconds(1));
        w.MarkRead(mine, Now.AddSeconds(2));
        var failed = w.InsertMessage(new() { Guid = G(), Text = "will fail", Chats = [sms], IsFromMe = true, Service = "SMS", Handle = "+14155550199" });
        w.MarkFailed(failed, 22);
        w.MarkRead(hello, Now.AddSeconds(3));

        w.InsertTapback(direct, hello.Guid, TapbackKind.Laugh, from: "+14155550101", part: 0, targetText: "hi");
        w.InsertTapback(group, hello.Guid, TapbackKind.Love, from: null, wholeBalloon: true);
        w.InsertTapback(direct, hello.Guid, TapbackKind.Laugh, from: "+14155550101", removed: true);
        if (variant != SchemaVariant.Ventura)
            w.InsertTapback(direct, hello.Guid, TapbackKind.Emoji, from: "+14155550101", emoji: "\U0001F525", part: 1);
        w.InsertTapback(direct, hello.Guid, TapbackKind.Sticker, from: "+14155550101");

        w.AddParticipant(group, "+14155550103", by: "+14155550101");
        w.RemoveParticipant(group, "+14155550103");
        w.ParticipantLeft(group, "b@example.com");
        w.RenameChat(group, "Renamed \u2603");
        w.ChangeGroupPhoto(group, by: "+14155550101", photo: new NewAttachment { Guid = "at_0_GOLD-PHOTO", TransferName = "photo.png", MimeType = "image/png", Uti = "public.png" });
        w.RemoveGroupPhoto(group);

        w.SendAttachment(group, new NewAttachment { Guid = "at_0_GOLD-A1" }, caption: "pic \u00FC");
        w.SendAttachment(direct, new NewAttachment { Guid = "at_0_GOLD-A2", TransferName = "voice.caf", MimeType = null, Uti = "com.apple.coreaudio-format", TransferState = 0 }, from: "+14155550101");
        var noPath = w.InsertMessage(new() { Guid = G(), Text = "\uFFFC", Chats = [direct], Handle = "+14155550101" });
        w.InsertAttachment(noPath, new NewAttachment { Guid = "at_0_GOLD-A3", NoFilename = true, TotalBytes = 0, IsSticker = true });

        var edited = w.InsertMessage(new() { Guid = G(), Text = "edit me", Chats = [group], IsFromMe = true, IsSent = true });
        w.Edit(edited, "edited \u00E9", Now.AddMinutes(1));
        var unsent = w.InsertMessage(new() { Guid = G(), Text = "unsend me", Chats = [group], IsFromMe = true, IsSent = true });
        w.Unsend(unsent, Now.AddMinutes(1));
        var partial = w.InsertMessage(new() { Guid = G(), Text = "one two", Chats = [direct], IsFromMe = true, IsSent = true, PartCount = 2 });
        w.Unsend(partial, Now.AddMinutes(2), parts: [1], remainingText: "one", totalParts: 2);

        w.ReceiveReply(direct, "+14155550101", hello, "a reply", originatorPart: 0);
        var runs = new List<EncodedRun>
        {
            EncodedRun.Part(4, 0),
            EncodedRun.Part(5, 0, mentionHandle: "+14155550101"),
            EncodedRun.Part(5, 0),
            EncodedRun.Part(20, 0, link: new Uri("https://example.com/")),
        };
        w.InsertMessage(new() { Guid = G(), Text = "hey @Anna see https://example.com/", Runs = runs, Chats = [group], Handle = "b@example.com" });
        w.InsertMessage(new() { Guid = G(), Text = "https://example.com", Chats = [direct], Handle = "+14155550101",
            BalloonBundleId = "com.apple.messages.URLBalloonProvider" });
        var both = w.InsertMessage(new() { Guid = G(), Text = "in two chats", Chats = [direct], Handle = "+14155550101" });
        w.AddToChat(both, group);
        w.InsertMessage(new() { Guid = G(), Text = "no chat", Handle = "+14155550101" });
        w.InsertMessage(new() { Guid = G(), Text = null, Chats = [direct], Handle = "+14155550101", ItemType = 6 });
        w.SetChatLastRead(direct, Now.AddSeconds(30));

        // Rows the writer's helpers inserted with random GUIDs and ids get fixed ones.
        w.Execute("UPDATE message SET guid = printf('GOLD-ROW-%04d', ROWID) WHERE guid NOT LIKE '%GOLD%'");
        w.Execute("UPDATE chat SET group_id = printf('GROUP-ID-%04d', ROWID)");
    }
}
