using LineAgent.Agent.Outbox;
using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Outbox;

/// <summary>
/// The message and chat actions end to end as the sandbox runs them: the send pipeline, the real accessibility driver
/// and navigator over the socket to the simulated Messages tree, and verification in chat.db.
/// </summary>
public sealed class AccessibilityMessageActionTests
{
    private const string Peer = "+15554440001";

    [Fact]
    public async Task EachAction_IsCarriedOutInTheUi_AndConfirmedInChatDb()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var inbound = sim.Db.ReceiveText(chat, Peer, "dinner?");
        var own = sim.Db.SendText(chat, "at 7", date: DateTimeOffset.UtcNow.AddSeconds(-20));
        var group = sim.Db.CreateGroupChat([Peer, "+15554440002"], "Old name");
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var requests = new (string Key, OutboundRequest Request)[]
        {
            ("reply", new ReplySend { MessageGuid = inbound.Guid, Text = "sure" }),
            ("edit", new EditSend { MessageGuid = own.Guid, Text = "at 8" }),
            ("read", new MarkReadSend { ChatGuid = chat.Guid }),
            ("rename", new RenameChatSend { ChatGuid = group.Guid, Name = "New name" }),
            ("unsend", new UnsendSend { MessageGuid = own.Guid }),
        };
        foreach (var (key, request) in requests)
        {
            var (entry, _) = await h.Pipeline.SubmitAsync(key, request, default);
            var done = await h.WaitFinalAsync(entry.SendId);
            Assert.True(done.State == SendState.Sent, $"{key}: {done.State} {done.Error}");
        }

        Assert.Equal(inbound.Guid, h.ChatDb.ReadMessagesAfter(0, 100).Single(m => m.IsFromMe && m.Text == "sure").ThreadOriginatorGuid);
        Assert.True(h.ChatDb.GetMessage(own.Guid)!.IsUnsent);
        Assert.Equal(0, h.ChatDb.CountUnread(chat.Guid));
        Assert.Equal("New name", h.ChatDb.GetChat(group.Guid)!.DisplayName);
        Assert.False(sim.Ui.OverlayOpen || sim.Ui.EditorOpen);
    }

    [Fact]
    public async Task AReplyThatCannotProveItsChat_FailsWithNothingSent_AndTheOverlayLeftOpenIsClosed()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var inbound = sim.Db.ReceiveText(chat, Peer, "dinner?");
        var other = sim.Db.EnsureDirectChat("+15554440002");
        var elsewhere = sim.Db.ReceiveText(other, "+15554440002", "unrelated");
        sim.Ui.ShowChat(other.Guid);
        sim.Ui.OpenOverlay(elsewhere.Guid);
        sim.Ui.Faults.NextLinkShowsChat = other.Guid;
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = await h.Pipeline.SubmitAsync("reply", new ReplySend { MessageGuid = inbound.Guid, Text = "sure" }, default);
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Failed, done.State);
        Assert.Contains("nothing was done", done.Error);
        Assert.Equal(0L, sim.MessageCount("is_from_me = 1"));
        Assert.False(sim.Ui.OverlayOpen);
    }

    [Fact]
    public async Task ParallelAttachments_ArePastedAsOneSend_AndConfirmedAsConsecutiveRows()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        await using var h = new SendHarness(sim);
        var ids = new[] { h.AddUpload("a.jpg", [1, 2, 3]), h.AddUpload("b.png", [4, 5], "image/png"), h.AddUpload("c.jpg", [6]) };
        h.StartWorker();

        var (entry, _) = await h.Pipeline.SubmitAsync("imgs", new MessageSend
        {
            ChatGuid = chat.Guid, ParallelAttachments = true, Parts = [.. ids.Select(id => new OutboundPart(OutboundPartKind.Media, id))],
        }, default);
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.True(done.State == SendState.Sent, $"{done.State} {done.Error}");
        Assert.Equal(3, done.MessageGuids.Count);
        Assert.Equal(1, sim.Ui.Events.Count(e => e == "return"));
        Assert.Empty(sim.Actions);                     // no AppleScript file send: the UI carried all three
    }
}
