using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Tests.Support;
using LineAgent.FakeChatDb;

namespace LineAgent.ChatDbReader.Tests;

/// <summary>Every row shape Messages writes, read back on every schema variant.</summary>
public sealed class ChatDbMessagesTests
{
    private const string Alice = "+14155550101";
    private const string Bob = "bob@example.com";
    private const string Carol = "+14155550103";

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void ReadMessagesAfter_TextRowAndBodyOnlyRow_BothHaveText(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var chat = db.Writer.EnsureDirectChat(Alice);
        var withText = db.Writer.ReceiveText(chat, Alice, "hello from the text column");
        var bodyOnly = db.Writer.ReceiveText(chat, Alice, "only in attributedBody \U0001F600 ok", bodyOnly: true);

        using var reader = db.OpenReader();
        var rows = reader.ReadMessagesAfter(0, 10).ToList();

        Assert.Equal([withText.RowId, bodyOnly.RowId], rows.Select(r => r.RowId));
        Assert.Equal("hello from the text column", rows[0].Text);
        Assert.Equal("only in attributedBody \U0001F600 ok", rows[1].Text);
        Assert.Null(rows[1].BodyError);
        Assert.All(rows, r =>
        {
            Assert.Equal(MessageKind.Message, r.Kind);
            Assert.Equal([chat.Guid], r.ChatGuids);
            Assert.Equal(Alice, r.Sender);
            Assert.False(r.IsFromMe);
            Assert.Equal("iMessage", r.Service);
            Assert.Equal(db.Now, r.Date);
        });
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void ReadMessagesAfter_ChatGuidsAreOpaque_AnyPrefixOnTahoe(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var direct = db.Writer.EnsureDirectChat(Alice);
        var sms = db.Writer.EnsureDirectChat(Carol, "SMS");
        var group = db.Writer.CreateGroupChat([Alice, Bob], "Climbing");
        db.Writer.ReceiveText(direct, Alice, "a");
        db.Writer.ReceiveText(sms, Carol, "b");
        db.Writer.ReceiveText(group, Bob, "c");

        using var reader = db.OpenReader();
        var rows = reader.ReadMessagesAfter(0, 10).ToList();

        var prefix = variant == SchemaVariant.Tahoe ? "any" : "iMessage";
        Assert.Equal($"{prefix};-;{Alice}", rows[0].ChatGuids.Single());
        Assert.Equal(variant == SchemaVariant.Tahoe ? $"any;-;{Carol}" : $"SMS;-;{Carol}", rows[1].ChatGuids.Single());
        Assert.StartsWith($"{prefix};+;", rows[2].ChatGuids.Single());
        Assert.Equal("SMS", rows[1].Service);

        var groupRecord = reader.GetChat(group.Guid)!;
        Assert.True(groupRecord.IsGroup);
        Assert.Equal("Climbing", groupRecord.DisplayName);
        Assert.Equal([Alice, Bob], groupRecord.Participants);
        var directRecord = reader.GetChat(direct.Guid)!;
        Assert.False(directRecord.IsGroup);
        Assert.Null(directRecord.DisplayName);
        Assert.Equal(3, reader.ListChats().Count);
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void ReadMessagesAfter_MessageInNoChatAndInTwoChats(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var one = db.Writer.EnsureDirectChat(Alice);
        var two = db.Writer.EnsureDirectChat(Alice, "SMS");
        var orphan = db.Writer.InsertMessage(new NewMessage { Text = "otp 123456", Handle = Alice });
        var both = db.Writer.ReceiveText(one, Alice, "in two chats");
        if (variant != SchemaVariant.Tahoe)
            db.Writer.AddToChat(both, two);

        using var reader = db.OpenReader();
        var rows = reader.ReadMessagesAfter(0, 10).ToDictionary(r => r.RowId);

        Assert.Empty(rows[orphan.RowId].ChatGuids);
        Assert.Equal("otp 123456", rows[orphan.RowId].Text);
        Assert.Equal(variant == SchemaVariant.Tahoe ? [one.Guid] : new[] { one.Guid, two.Guid }, rows[both.RowId].ChatGuids);
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void ReadMessagesAfter_OwnRows_SenderNullAndStatusFlagsFollowUpdates(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var chat = db.Writer.EnsureDirectChat(Alice);
        var pending = db.Writer.SendText(chat, "on its way", sent: false);
        var delivered = db.Writer.SendText(chat, "delivered and read");
        var failed = db.Writer.SendText(chat, "will fail", sent: false);
        using var reader = db.OpenReader();

        var first = reader.GetMessage(pending.Guid)!;
        Assert.True(first.IsFromMe);
        Assert.Null(first.Sender);                 // handle_id is the recipient on own 1:1 rows
        Assert.False(first.IsSent);

        db.Writer.MarkSent(pending);
        db.Writer.MarkDelivered(delivered, db.Now.AddSeconds(2));
        db.Writer.MarkRead(delivered, db.Now.AddSeconds(30));
        db.Writer.MarkFailed(failed, 22);

        var rows = reader.ReadMessagesInRange(pending.RowId, failed.RowId).ToList();
        Assert.True(rows[0].IsSent);
        Assert.True(rows[1].IsDelivered);
        Assert.True(rows[1].IsRead);
        Assert.Equal(db.Now.AddSeconds(2), rows[1].DateDelivered);
        Assert.Equal(db.Now.AddSeconds(30), rows[1].DateRead);
        Assert.Equal(22, rows[2].Error);
        Assert.False(rows[2].IsSent);
    }

    public static TheoryData<SchemaVariant, TapbackKind> VariantsAndTapbacks()
    {
        var data = new TheoryData<SchemaVariant, TapbackKind>();
        foreach (var v in Enum.GetValues<SchemaVariant>())
            foreach (var k in Enum.GetValues<TapbackKind>())
                data.Add(v, k);
        return data;
    }

    [Theory]
    [MemberData(nameof(VariantsAndTapbacks))]
    public void ReadMessagesAfter_TapbackAddedAndRemoved(SchemaVariant variant, TapbackKind kind)
    {
        using var db = new TempChatDb(variant);
        var chat = db.Writer.CreateGroupChat([Alice, Bob]);
        var target = db.Writer.ReceiveText(chat, Alice, "target text");
        var emoji = kind == TapbackKind.Emoji ? "\U0001F525" : null;
        var added = db.Writer.InsertTapback(chat, target.Guid, kind, from: Bob, part: 1, emoji: emoji);
        var removed = db.Writer.InsertTapback(chat, target.Guid, kind, from: null, part: 0, removed: true, emoji: emoji);
        var balloon = db.Writer.InsertTapback(chat, target.Guid, kind, from: Bob, wholeBalloon: true, emoji: emoji);

        using var reader = db.OpenReader();
        var rows = reader.ReadMessagesAfter(target.RowId, 10).ToList();

        Assert.All(rows, r => Assert.Equal(MessageKind.Reaction, r.Kind));
        var expectedType = (ReactionType)(int)kind;
        // Emoji tapbacks only exist where message.associated_message_emoji does (macOS 15+).
        var expectedEmoji = kind == TapbackKind.Emoji && variant is not (SchemaVariant.Ventura or SchemaVariant.Sonoma) ? emoji : null;
        Assert.Equal(new Reaction(expectedType, expectedEmoji, false, target.Guid, 1), rows[0].Reaction);
        Assert.Equal(Bob, rows[0].Sender);
        Assert.Equal(new Reaction(expectedType, expectedEmoji, true, target.Guid, 0), rows[1].Reaction);
        Assert.True(rows[1].IsFromMe);
        Assert.Equal(new Reaction(expectedType, expectedEmoji, false, target.Guid, 0), rows[2].Reaction);
        Assert.Equal([added.RowId, removed.RowId, balloon.RowId], rows.Select(r => r.RowId));
        Assert.NotNull(rows[0].Text);                      // Messages' fallback text ("Liked “…”")
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void ReadMessagesAfter_GroupEvents(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var chat = db.Writer.CreateGroupChat([Alice, Bob]);
        db.Writer.AddParticipant(chat, Carol, by: Alice);
        db.Writer.RemoveParticipant(chat, Bob);
        db.Writer.ParticipantLeft(chat, Alice);
        db.Writer.RenameChat(chat, "New name", by: Carol);
        db.Writer.ChangeGroupPhoto(chat, by: Carol);
        db.Writer.RemoveGroupPhoto(chat);

        using var reader = db.OpenReader();
        var rows = reader.ReadMessagesAfter(0, 10).ToList();

        Assert.All(rows, r => Assert.Equal(MessageKind.GroupEvent, r.Kind));
        Assert.Equal(
        [
            new GroupEvent(GroupEventType.ParticipantAdded, Carol, null),
            new GroupEvent(GroupEventType.ParticipantRemoved, Bob, null),
            new GroupEvent(GroupEventType.ParticipantLeft, Alice, null),
            new GroupEvent(GroupEventType.Renamed, null, "New name"),
            new GroupEvent(GroupEventType.PhotoChanged, null, null),
            new GroupEvent(GroupEventType.PhotoRemoved, null, null),
        ], rows.Select(r => r.GroupEvent));
        Assert.Equal(Alice, rows[0].Sender);
        Assert.True(rows[1].IsFromMe);
        Assert.Single(rows[4].Attachments);
        Assert.Equal("New name", reader.GetChat(chat.Guid)!.DisplayName);
        Assert.Equal([Carol], reader.GetChat(chat.Guid)!.Participants);
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void ReadMessagesAfter_Attachments_ExpandedPathMimeAndUti(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var chat = db.Writer.EnsureDirectChat(Alice);
        var (photo, photoAtt) = db.Writer.SendAttachment(chat, new NewAttachment(), from: Alice, caption: "look");
        var (voice, _) = db.Writer.SendAttachment(chat, new NewAttachment
        {
            TransferName = "Audio Message.caf", MimeType = null, Uti = "com.apple.coreaudio-format", TotalBytes = 48_213,
            NoFilename = true, TransferState = 3,
        }, bodyOnly: true);

        using var reader = db.OpenReader();
        var rows = reader.ReadMessagesAfter(0, 10).ToList();

        var a = Assert.Single(rows[0].Attachments);
        Assert.Equal(photoAtt.Guid, a.Guid);
        Assert.Equal("IMG_0001.jpeg", a.TransferName);
        Assert.Equal("image/jpeg", a.MimeType);
        Assert.Equal("public.jpeg", a.Uti);
        Assert.Equal(1024, a.TotalBytes);
        Assert.Equal(AttachmentRecord.TransferStateFinished, a.TransferState);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, photoAtt.Filename![2..]), a.Path);
        Assert.DoesNotContain("~", a.Path);
        Assert.Equal("\uFFFClook", rows[0].Text);           // U+FFFC placeholder kept
        Assert.Equal(photoAtt.Guid, rows[0].Body!.Parts[0].AttachmentGuid);   // the placeholder run names its attachment
        Assert.Equal(photo.RowId, rows[0].RowId);

        var v = Assert.Single(rows[1].Attachments);
        Assert.Null(v.MimeType);
        Assert.Equal("com.apple.coreaudio-format", v.Uti);
        Assert.Null(v.Path);
        Assert.Equal(3, v.TransferState);
        Assert.Equal("\uFFFC", rows[1].Text);
        Assert.Equal(voice.RowId, rows[1].RowId);
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void ReadMessagesAfter_EditedMessage_CurrentTextAndEditedFlag(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var chat = db.Writer.EnsureDirectChat(Alice);
        var message = db.Writer.SendText(chat, "teh original");
        db.Writer.Edit(message, "the original", db.Now.AddMinutes(1));
        db.Writer.Edit(message, "the final version", db.Now.AddMinutes(2));

        using var reader = db.OpenReader();
        var row = reader.GetMessage(message.Guid)!;

        Assert.Equal("the final version", row.Text);
        Assert.True(row.IsEdited);
        Assert.False(row.IsUnsent);
        Assert.Equal([0], row.EditedParts);
        Assert.Equal(db.Now.AddMinutes(2), row.DateEdited);
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void ReadMessagesAfter_UnsentMessage_UnsentAndNoText(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var chat = db.Writer.EnsureDirectChat(Alice);
        var message = db.Writer.SendText(chat, "oops wrong chat");
        var kept = db.Writer.SendText(chat, "first part", bodyOnly: true);
        db.Writer.Unsend(message, db.Now.AddSeconds(30));
        db.Writer.Unsend(kept, db.Now.AddSeconds(40), parts: [1], remainingText: "first part", totalParts: 2);

        using var reader = db.OpenReader();
        var rows = reader.ReadMessagesAfter(0, 10).ToList();

        Assert.True(rows[0].IsUnsent);
        Assert.False(rows[0].IsEdited);
        Assert.Null(rows[0].Text);
        Assert.Equal([0], rows[0].UnsentParts);
        Assert.Equal(db.Now.AddSeconds(30), rows[0].DateEdited);

        Assert.False(rows[1].IsUnsent);                    // one part is left
        Assert.False(rows[1].IsEdited);
        Assert.Equal([1], rows[1].UnsentParts);
        Assert.Equal("first part", rows[1].Text);
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void ReadMessagesAfter_Reply_ThreadOriginator(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var chat = db.Writer.CreateGroupChat([Alice, Bob]);
        var root = db.Writer.ReceiveText(chat, Alice, "root");
        var reply = db.Writer.ReceiveReply(chat, Bob, root, "a reply", originatorPart: 0);

        using var reader = db.OpenReader();
        var row = reader.GetMessage(reply.Guid)!;

        Assert.Equal(root.Guid, row.ThreadOriginatorGuid);
        Assert.Equal(0, row.ThreadOriginatorPart);
        Assert.Equal("a reply", row.Text);
        Assert.Null(reader.GetMessage(root.Guid)!.ThreadOriginatorGuid);
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void ReadMessagesAfter_CorruptBody_FallsBackToTextColumnAndKeepsReading(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var chat = db.Writer.EnsureDirectChat(Alice);
        db.Writer.InsertMessage(new NewMessage { Chats = [chat], Handle = Alice, Text = "text column", AttributedBody = [0x04, 0x0B, 0x73, 0xFF, 0x00] });
        db.Writer.InsertMessage(new NewMessage { Chats = [chat], Handle = Alice, Text = "lost", BodyOnly = true, AttributedBody = [1, 2, 3] });
        db.Writer.ReceiveText(chat, Alice, "after the bad rows");

        using var reader = db.OpenReader();
        var rows = reader.ReadMessagesAfter(0, 10).ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal("text column", rows[0].Text);
        Assert.NotNull(rows[1].BodyError);
        Assert.Null(rows[1].Text);
        Assert.Equal("after the bad rows", rows[2].Text);
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void ReadMessagesAfter_BalloonBundleIdAndOtherKinds(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var chat = db.Writer.EnsureDirectChat(Alice);
        db.Writer.InsertMessage(new NewMessage { Chats = [chat], Handle = Alice, Text = "https://example.com", BalloonBundleId = "com.apple.messages.URLBalloonProvider" });
        db.Writer.InsertMessage(new NewMessage { Chats = [chat], Handle = Alice, ItemType = 6 });
        db.Writer.InsertMessage(new NewMessage { Chats = [chat], Handle = Alice, AssociatedMessageType = 4000, AssociatedMessageGuid = "X" });

        using var reader = db.OpenReader();
        var rows = reader.ReadMessagesAfter(0, 10).ToList();

        Assert.Equal("com.apple.messages.URLBalloonProvider", rows[0].BalloonBundleId);
        Assert.Equal(MessageKind.Message, rows[0].Kind);
        Assert.Equal(MessageKind.Other, rows[1].Kind);
        Assert.Equal(MessageKind.Other, rows[2].Kind);
        Assert.Null(rows[2].Reaction);
    }
}
