using LineAgent.Agent.Events;
using System.Text.Json;
using LineAgent.Agent.ChangeFeed;
using LineAgent.Agent.Journal;
using LineAgent.FakeChatDb;

namespace LineAgent.Agent.Tests.ChangeFeed;

public sealed class ChangeFeedEngineTests : IDisposable
{
    private readonly FeedFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static JsonElement Data(JournalEvent e) => JsonDocument.Parse(e.DataJson).RootElement;

    [Fact]
    public void FirstStart_BeginsAtTheEndOfChatDb_WithoutHistory()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        _f.ChatDb.ReceiveText(chat, "+15550001", "old 1");
        _f.ChatDb.ReceiveText(chat, "+15550001", "old 2");
        using var engine = _f.NewEngine();

        engine.RunCycle(force: false);
        Assert.Empty(_f.Events());

        var fresh = _f.ChatDb.ReceiveText(chat, "+15550001", "new");
        engine.RunCycle(force: false);

        var e = Assert.Single(_f.Events());
        Assert.Equal(JournalEventTypes.MessageReceived, e.Type);
        Assert.Equal(fresh.Guid, e.MessageGuid);
    }

    [Fact]
    public void FirstStart_WithBackfill_JournalsTheWindowOnly()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        var now = _f.Time.GetUtcNow();
        _f.ChatDb.ReceiveText(chat, "+15550001", "two days ago", date: now - TimeSpan.FromDays(2));
        var recent = _f.ChatDb.ReceiveText(chat, "+15550001", "an hour ago", date: now - TimeSpan.FromHours(1));
        _f.Options.Backfill = TimeSpan.FromDays(1);
        using var engine = _f.NewEngine();

        engine.RunCycle(force: false);
        engine.RunCycle(force: false);

        Assert.Equal([recent.Guid], _f.Events().Select(e => e.MessageGuid));
    }

    [Fact]
    public void Received_PayloadCarriesChatSenderTextAndParts()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);

        var m = _f.ChatDb.ReceiveText(chat, "+15550001", "hello there", bodyOnly: true);
        engine.RunCycle(false);

        var e = Assert.Single(_f.Events());
        Assert.Equal($"{m.Guid}:received", e.Id);
        Assert.Equal(chat.Guid, e.ChatGuid);
        var data = Data(e);
        var message = data.GetProperty("message");
        Assert.Equal("hello there", message.GetProperty("text").GetString());
        Assert.Equal("+15550001", message.GetProperty("sender").GetString());
        Assert.Equal(chat.Guid, message.GetProperty("chat_guids")[0].GetString());
        Assert.False(message.GetProperty("is_from_me").GetBoolean());
        Assert.Equal("hello there", data.GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void OwnMessage_LifecycleSentDeliveredRead_EachReportedOnce()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);

        var m = _f.ChatDb.SendText(chat, "on its way", sent: false);
        engine.RunCycle(false);
        Assert.Empty(_f.Events()); // pending: not sent yet

        _f.ChatDb.MarkSent(m);
        engine.RunCycle(false);
        _f.ChatDb.MarkDelivered(m);
        engine.RunCycle(false);
        _f.ChatDb.MarkRead(m);
        engine.RunCycle(false);
        engine.RunCycle(force: true);

        Assert.Equal(
            [JournalEventTypes.MessageSent, JournalEventTypes.MessageDelivered, JournalEventTypes.MessageRead],
            _f.Events().Select(e => e.Type));
        Assert.All(_f.Events(), e => Assert.Equal(m.Guid, e.MessageGuid));
        Assert.Equal("recipient", Data(_f.Events(JournalEventTypes.MessageRead)[0]).GetProperty("read_by").GetString());
    }

    [Fact]
    public void OwnMessage_FromAnotherDevice_IsReportedAsSentOnInsert()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);

        var m = _f.ChatDb.SendText(chat, "typed on my phone", sent: true);
        engine.RunCycle(false);

        var e = Assert.Single(_f.Events());
        Assert.Equal(JournalEventTypes.MessageSent, e.Type);
        Assert.Equal($"{m.Guid}:sent", e.Id);
        Assert.True(Data(e).GetProperty("message").GetProperty("is_from_me").GetBoolean());
    }

    [Fact]
    public void OwnMessage_ErrorSet_IsReportedAsFailed()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);
        var m = _f.ChatDb.SendText(chat, "will fail", sent: false);
        engine.RunCycle(false);

        _f.ChatDb.MarkFailed(m, error: 22);
        engine.RunCycle(false);

        var e = Assert.Single(_f.Events());
        Assert.Equal(JournalEventTypes.MessageFailed, e.Type);
        Assert.Equal(22, Data(e).GetProperty("error_code").GetInt32());
    }

    [Fact]
    public void ReceivedMessage_ReadByTheOwner_IsReportedAsRead()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);
        var m = _f.ChatDb.ReceiveText(chat, "+15550001", "read me");
        engine.RunCycle(false);

        _f.ChatDb.MarkRead(m);
        engine.RunCycle(false);

        var read = Assert.Single(_f.Events(JournalEventTypes.MessageRead));
        Assert.Equal("owner", Data(read).GetProperty("read_by").GetString());
    }

    [Fact]
    public void Edit_EachEditIsOneEvent_WithTheNewText()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);
        var m = _f.ChatDb.ReceiveText(chat, "+15550001", "helo");
        engine.RunCycle(false);

        _f.ChatDb.Edit(m, "hello", at: DateTimeOffset.UtcNow.AddSeconds(5));
        engine.RunCycle(false);
        engine.RunCycle(true);
        _f.ChatDb.Edit(m, "hello!", at: DateTimeOffset.UtcNow.AddSeconds(9));
        engine.RunCycle(false);

        var edits = _f.Events(JournalEventTypes.MessageEdited);
        Assert.Equal(2, edits.Count);
        Assert.Equal("hello!", Data(edits[1]).GetProperty("message").GetProperty("text").GetString());
        Assert.Equal(0, Data(edits[0]).GetProperty("edited_parts")[0].GetInt32());
    }

    [Theory]
    [InlineData(SchemaVariant.Sequoia)]
    [InlineData(SchemaVariant.Tahoe)]
    public void Unsend_IsReportedOnce(SchemaVariant variant)
    {
        using var f = new FeedFixture(variant);
        var chat = f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = f.NewEngine();
        engine.RunCycle(false);
        var m = f.ChatDb.SendText(chat, "oops");
        engine.RunCycle(false);

        f.ChatDb.Unsend(m);
        engine.RunCycle(false);
        engine.RunCycle(true);

        var unsent = Assert.Single(f.Events(JournalEventTypes.MessageUnsent));
        Assert.Equal(m.Guid, unsent.MessageGuid);
        Assert.True(Data(unsent).GetProperty("fully_unsent").GetBoolean());
        Assert.Empty(f.Events(JournalEventTypes.MessageEdited));
    }

    [Fact]
    public void Tapbacks_AddedAndRemoved_InBothDirections()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        var target = _f.ChatDb.SendText(chat, "lunch?");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);

        var theirs = _f.ChatDb.InsertTapback(chat, target, TapbackKind.Love, from: "+15550001");
        var mine = _f.ChatDb.InsertTapback(chat, target, TapbackKind.Laugh);
        var removed = _f.ChatDb.InsertTapback(chat, target, TapbackKind.Love, from: "+15550001", removed: true);
        engine.RunCycle(false);

        var events = _f.Events();
        Assert.Equal(
            [JournalEventTypes.ReactionAdded, JournalEventTypes.ReactionAdded, JournalEventTypes.ReactionRemoved],
            events.Select(e => e.Type));
        Assert.Equal([theirs.Guid, mine.Guid, removed.Guid], events.Select(e => e.MessageGuid));
        var love = Data(events[0]);
        Assert.Equal("love", love.GetProperty("reaction_type").GetString());
        Assert.Equal(target.Guid, love.GetProperty("target_guid").GetString());
        Assert.Equal("+15550001", love.GetProperty("by").GetString());
        Assert.True(Data(events[1]).GetProperty("by_me").GetBoolean());
    }

    [Fact]
    public void GroupChat_CreatedRenamedParticipantsChanged()
    {
        using var engine = _f.NewEngine();
        engine.RunCycle(false);

        var group = _f.ChatDb.CreateGroupChat(["+15550001", "+15550002"], "Lunch crew");
        engine.RunCycle(false);
        _f.ChatDb.RenameChat(group, "Dinner crew", by: "+15550001");
        _f.ChatDb.AddParticipant(group, "+15550003", by: "+15550001");
        _f.ChatDb.RemoveParticipant(group, "+15550002");
        _f.ChatDb.ParticipantLeft(group, "+15550003");
        engine.RunCycle(false);

        var events = _f.Events();
        Assert.Equal(
        [
            JournalEventTypes.ChatCreated, JournalEventTypes.ChatRenamed, JournalEventTypes.ChatParticipantAdded,
            JournalEventTypes.ChatParticipantRemoved, JournalEventTypes.ChatParticipantLeft,
        ], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(group.Guid, e.ChatGuid));
        var created = Data(events[0]).GetProperty("chat");
        Assert.True(created.GetProperty("is_group").GetBoolean());
        Assert.Equal("Lunch crew", created.GetProperty("display_name").GetString());
        Assert.Equal("Dinner crew", Data(events[1]).GetProperty("title").GetString());
        Assert.Equal("+15550003", Data(events[2]).GetProperty("handle").GetString());
        Assert.Equal("+15550002", Data(events[3]).GetProperty("handle").GetString());
        Assert.Equal("+15550003", Data(events[4]).GetProperty("handle").GetString());
    }

    [Fact]
    public void ChatMarkedRead_IsReportedAsChatRead()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);

        _f.ChatDb.SetChatLastRead(chat);
        engine.RunCycle(false);
        engine.RunCycle(true);

        var e = Assert.Single(_f.Events());
        Assert.Equal(JournalEventTypes.ChatRead, e.Type);
        Assert.Equal(chat.Guid, e.ChatGuid);
    }

    [Fact]
    public void Attachment_ReportedReadyWhenTheTransferFinishes()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);

        var (message, attachment) = _f.ChatDb.SendAttachment(chat, new NewAttachment { TransferState = 3, TransferName = "photo.heic" }, from: "+15550001");
        engine.RunCycle(false);
        var received = Assert.Single(_f.Events());
        Assert.Equal("photo.heic", Data(received).GetProperty("message").GetProperty("attachments")[0].GetProperty("transfer_name").GetString());

        _f.ChatDb.SetTransferState(attachment, 5);
        engine.RunCycle(false);
        engine.RunCycle(true);

        var ready = Assert.Single(_f.Events(JournalEventTypes.AttachmentReady));
        Assert.Equal(message.Guid, ready.MessageGuid);
        Assert.Equal(chat.Guid, ready.ChatGuid);
        Assert.Equal(attachment.Guid, Data(ready).GetProperty("attachment").GetProperty("guid").GetString());
    }

    [Fact]
    public void TwoWriteGap_RowIsHeldUntilItsChatJoinArrives()
    {
        _f.Options.JoinWait = TimeSpan.FromMilliseconds(500);
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);

        var m = _f.ChatDb.InsertMessage(new NewMessage { Text = "join me", Handle = "+15550001" });
        var result = engine.RunCycle(false);
        Assert.Empty(_f.Events());
        Assert.NotNull(result.WakeAfter);

        _f.Time.Advance(TimeSpan.FromMilliseconds(100));
        _f.ChatDb.AddToChat(m, chat);
        engine.RunCycle(false);

        var e = Assert.Single(_f.Events());
        Assert.Equal(chat.Guid, e.ChatGuid);
    }

    [Fact]
    public void TwoWriteGap_NoJoinWithinJoinWait_EmittedWithoutChat()
    {
        _f.Options.JoinWait = TimeSpan.FromMilliseconds(500);
        using var engine = _f.NewEngine();
        engine.RunCycle(false);

        var m = _f.ChatDb.InsertMessage(new NewMessage { Text = "orphan", Handle = "+15550001" });
        engine.RunCycle(false);
        Assert.Empty(_f.Events());

        _f.Time.Advance(TimeSpan.FromMilliseconds(600));
        engine.RunCycle(false);

        var e = Assert.Single(_f.Events());
        Assert.Equal(m.Guid, e.MessageGuid);
        Assert.Null(e.ChatGuid);
    }

    [Fact]
    public void CorruptAttributedBody_EventStillEmitted_TextNull_ErrorLoggedOnce()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);

        var garbage = new byte[] { 0x04, 0x0B, 0x73, 0x74, 0x72, 0x65, 0x61, 0x6D, 0x74, 0x79, 0x70, 0x65, 0x64, 0x81, 0xE8, 0x03, 0x84, 0xFF, 0x13, 0x37 };
        var m = _f.ChatDb.InsertMessage(new NewMessage { AttributedBody = garbage, BodyOnly = true, Text = "x", Handle = "+15550001", Chats = [chat] });
        engine.RunCycle(false);
        _f.ChatDb.MarkRead(m);
        engine.RunCycle(false);

        var received = Assert.Single(_f.Events(JournalEventTypes.MessageReceived));
        Assert.Equal(JsonValueKind.Null, Data(received).GetProperty("message").GetProperty("text").ValueKind);
        Assert.Single(_f.Events(JournalEventTypes.MessageRead));
        Assert.Equal(1, _f.Log.Count("BodyUndecodable"));
    }

    [Fact]
    public void Restart_NoDuplicates_AndChangesMadeWhileDownAreReported()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        FakeMessage sent;
        using (var engine = _f.NewEngine())
        {
            engine.RunCycle(false);
            sent = _f.ChatDb.SendText(chat, "before restart");
            _f.ChatDb.ReceiveText(chat, "+15550001", "reply");
            engine.RunCycle(false);
        }
        Assert.Equal(2, _f.Events().Count);

        _f.ChatDb.MarkDelivered(sent);                 // while the agent is down
        var later = _f.ChatDb.ReceiveText(chat, "+15550001", "while you were out");
        using (var engine = _f.NewEngine())
        {
            engine.RunCycle(false);
            engine.RunCycle(true);
        }

        Assert.Equal(
            [JournalEventTypes.MessageSent, JournalEventTypes.MessageReceived, JournalEventTypes.MessageReceived, JournalEventTypes.MessageDelivered],
            _f.Events().Select(e => e.Type));
        Assert.Equal(later.Guid, _f.Events()[2].MessageGuid);
    }

    [Theory]
    [InlineData(FeedStep.Read)]
    [InlineData(FeedStep.BeforeAppend)]
    [InlineData(FeedStep.AfterAppend)]
    public void CrashAtAnyStep_RestartLosesNothingAndDuplicatesNothing(FeedStep step)
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using (var first = _f.NewEngine())
            first.RunCycle(false);

        var expected = new List<string>();
        for (var round = 0; round < 5; round++)
        {
            var m = _f.ChatDb.SendText(chat, $"round {round}", sent: false);
            var r = _f.ChatDb.ReceiveText(chat, "+15550001", $"reply {round}");
            _f.ChatDb.MarkSent(m);
            _f.ChatDb.MarkDelivered(m);
            expected.AddRange([$"{m.Guid}:sent", $"{r.Guid}:received", $"{m.Guid}:delivered"]);

            using (var crashing = _f.NewEngine())
            {
                crashing.RunCycle(false);
                crashing.FaultInjection = s => { if (s == step) throw new IOException("simulated crash at " + s); };
                _f.ChatDb.MarkRead(r);
                expected.Add($"{r.Guid}:read");
                Assert.Throws<IOException>(() => crashing.RunCycle(true));
            }
            using var recovered = _f.NewEngine();
            recovered.RunCycle(false);
            recovered.RunCycle(true);
        }

        var ids = _f.Events().Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(expected.Order(), ids.Order());
    }

    [Fact]
    public void ChatDbReplaced_ResynchronisesWithoutDuplicates_AndLogsWhy()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);
        var kept = _f.ChatDb.ReceiveText(chat, "+15550001", "one");
        engine.RunCycle(false);

        // A new database at the same path (restored/rebuilt): fewer rows, different ROWIDs.
        _f.ChatDb.Dispose();
        _f.ChatDb = FakeChatDatabase.Create(_f.ChatDbPath, SchemaVariant.Sequoia);
        var chat2 = _f.ChatDb.EnsureDirectChat("+15550001");
        engine.RequestReopen();
        engine.RunCycle(false);
        var after = _f.ChatDb.ReceiveText(chat2, "+15550001", "after the replacement");
        engine.RunCycle(false);

        Assert.Equal([kept.Guid, after.Guid], _f.Events().Select(e => e.MessageGuid));
        Assert.Equal(1, _f.Log.Count("FeedResync"));
    }

    [Fact]
    public void ChatDbReplacedWithRenumberedCopy_ContinuesAfterTheSameMessage()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);
        var a = _f.ChatDb.ReceiveText(chat, "+15550001", "a");
        engine.RunCycle(false);

        // Rebuilt database: an extra old row shifts every ROWID; "a" is there, then a row the feed never saw.
        _f.ChatDb.Dispose();
        _f.ChatDb = FakeChatDatabase.Create(_f.ChatDbPath, SchemaVariant.Sequoia);
        var chat2 = _f.ChatDb.EnsureDirectChat("+15550001");
        _f.ChatDb.ReceiveText(chat2, "+15550001", "ancient", date: DateTimeOffset.UtcNow.AddDays(-30));
        _f.ChatDb.InsertMessage(new NewMessage { Guid = a.Guid, Text = "a", Handle = "+15550001", Chats = [chat2] });
        var missed = _f.ChatDb.ReceiveText(chat2, "+15550001", "arrived during the swap");
        engine.RequestReopen();
        engine.RunCycle(false);
        engine.RunCycle(false);

        Assert.Equal([a.Guid, missed.Guid], _f.Events().Select(e => e.MessageGuid));
        Assert.Equal(1, _f.Log.Count("FeedResync"));
    }

    [Fact]
    public void ChatDbMissing_ReportsUnavailable_ThenRecoversWhenItReturns()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);
        _f.ChatDb.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var aside = _f.ChatDbPath + ".aside";
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(_f.ChatDbPath + suffix)) File.Move(_f.ChatDbPath + suffix, aside + suffix);

        engine.RequestReopen();
        Assert.False(engine.RunCycle(false).Available);
        Assert.False(engine.RunCycle(false).Available);
        Assert.Equal(1, _f.Log.Count("ChatDbUnavailable"));

        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(aside + suffix)) File.Move(aside + suffix, _f.ChatDbPath + suffix);
        _f.ChatDb = FakeChatDatabase.Open(_f.ChatDbPath);
        var m = _f.ChatDb.ReceiveText(chat, "+15550001", "back");
        Assert.True(engine.RunCycle(false).Available);
        engine.RunCycle(false);

        Assert.Equal([m.Guid], _f.Events().Select(e => e.MessageGuid));
        Assert.Equal(0, _f.Log.Count("FeedResync"));
        Assert.Equal(1, _f.Log.Count("ChatDbAvailable"));
    }

    [Fact]
    public void LockedDatabase_IsRetried_AndNothingIsLost()
    {
        _f.Options.BusyTimeout = TimeSpan.FromMilliseconds(50);
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using (var first = _f.NewEngine())
            first.RunCycle(false);

        // An exclusive-locking writer keeps every reader out until it lets go.
        _f.ChatDb.Execute("PRAGMA locking_mode=EXCLUSIVE;");
        var m = _f.ChatDb.ReceiveText(chat, "+15550001", "behind the lock");
        using var engine = _f.NewEngine();
        Assert.False(engine.RunCycle(false).Available);
        Assert.False(engine.RunCycle(false).Available);
        Assert.Empty(_f.Events());

        _f.ChatDb.Dispose(); // the writer lets go
        _f.ChatDb = FakeChatDatabase.Open(_f.ChatDbPath);
        Assert.True(engine.RunCycle(false).Available);
        engine.RunCycle(true);

        Assert.Equal([m.Guid], _f.Events().Select(e => e.MessageGuid));
    }

    [Fact]
    public void UpdateWindow_IsBoundedByRowsAndAge_AndTrimmed()
    {
        _f.Options.UpdateWindowRows = 100;
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);
        var longAgo = _f.Time.GetUtcNow() - _f.Options.UpdateWindowAge - TimeSpan.FromHours(1);
        var old = _f.ChatDb.SendText(chat, "old", date: longAgo);
        using (_f.ChatDb.Batch())
            for (var i = 0; i < 300; i++)
                _f.ChatDb.ReceiveText(chat, "+15550001", "filler " + i, date: longAgo);
        engine.RunCycle(false);

        _f.ChatDb.MarkDelivered(old); // older than UpdateWindowAge and not among the newest 100 rows: not watched
        engine.RunCycle(true);

        Assert.Empty(_f.Events(JournalEventTypes.MessageDelivered));
        Assert.InRange(_f.Journal.ReadSourceState("chatdb").Count, 1, 101);
    }

    /// <summary>Issue 9.4: a receipt the next morning, after 10,000 newer rows, is still journaled (by age, not rows).</summary>
    [Fact]
    public void ReceiptOnARow10000RowsBack_WithinTheAgeWindow_IsJournaled_AlsoAfterARestart()
    {
        _f.Options.FullScanInterval = TimeSpan.FromSeconds(1);
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        var evening = _f.Time.GetUtcNow() - TimeSpan.FromHours(12);
        var old = _f.ChatDb.SendText(chat, "see you tomorrow", date: evening);
        var older = _f.ChatDb.SendText(chat, "and this one", date: evening);
        using (var engine = _f.NewEngine())
        {
            engine.RunCycle(false);
            using (_f.ChatDb.Batch())
                for (var i = 0; i < 10_000; i++)
                    _f.ChatDb.ReceiveText(chat, "+15550002", "busy " + i, date: evening + TimeSpan.FromSeconds(i));
            while (engine.RunCycle(false).MoreWork) { }
            Assert.True((long)_f.ChatDb.Scalar("SELECT MAX(ROWID) FROM message")! - old.RowId >= 10_000);

            _f.ChatDb.MarkRead(old);
            for (var pass = 0; pass < 4 && _f.Events(JournalEventTypes.MessageRead).Count == 0; pass++)
            {
                _f.Time.Advance(_f.Options.FullScanInterval);
                engine.RunCycle(true);
            }
            Assert.Equal([old.Guid], _f.Events(JournalEventTypes.MessageRead).Select(e => e.MessageGuid));
        }

        // While the agent is down: the journaled fingerprints still cover the row.
        _f.ChatDb.MarkRead(older);
        using var restarted = _f.NewEngine();
        for (var pass = 0; pass < 4 && _f.Events(JournalEventTypes.MessageRead).Count < 2; pass++)
        {
            _f.Time.Advance(_f.Options.FullScanInterval);
            restarted.RunCycle(true);
        }
        Assert.Equal([old.Guid, older.Guid], _f.Events(JournalEventTypes.MessageRead).Select(e => e.MessageGuid));
    }

    [Fact]
    public void OlderRowInTheWindow_IsComparedByTheFullScan()
    {
        _f.Options.UpdateHotRows = 10;
        _f.Options.FullScanInterval = TimeSpan.FromSeconds(1);
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using var engine = _f.NewEngine();
        engine.RunCycle(false);
        var old = _f.ChatDb.SendText(chat, "older");
        using (_f.ChatDb.Batch())
            for (var i = 0; i < 50; i++)
                _f.ChatDb.ReceiveText(chat, "+15550001", "filler " + i);
        engine.RunCycle(false);

        _f.ChatDb.MarkDelivered(old);
        var hot = engine.RunCycle(false); // only the newest 10 rows are compared
        Assert.Empty(_f.Events(JournalEventTypes.MessageDelivered));
        Assert.NotNull(hot.WakeAfter);    // … and the full comparison is scheduled, no new commit needed

        _f.Time.Advance(TimeSpan.FromSeconds(1));
        engine.RunCycle(false);
        Assert.Single(_f.Events(JournalEventTypes.MessageDelivered));
    }
}
