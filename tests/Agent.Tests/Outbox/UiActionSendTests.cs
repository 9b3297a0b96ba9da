using LineAgent.Agent.MessagesApp;
using LineAgent.ChatDbReader.Records;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Outbox;

/// <summary>UI-scripted actions: best effort, verified in chat.db.</summary>
public sealed class UiActionSendTests
{
    [Fact]
    public async Task Tapback_IsVerifiedByItsRow()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat("+15554440001");
        var target = sim.Db.ReceiveText(chat, "+15554440001", "nice");
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("tb", new ReactionSend { MessageGuid = target.Guid, Reaction = ReactionType.Laugh });
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Equal(2003L, sim.Db.Scalar("SELECT associated_message_type FROM message WHERE guid = $g", ("$g", done.MessageGuids[0])));

        var (removal, _) = h.Pipeline.Submit("tb-off", new ReactionSend
        {
            MessageGuid = target.Guid, Reaction = ReactionType.Laugh, Remove = true,
        });
        Assert.Equal(SendState.Sent, (await h.WaitFinalAsync(removal.SendId)).State);
        Assert.Equal(1L, sim.MessageCount("associated_message_type = 3003"));
    }

    [Fact]
    public async Task Tapback_WithoutAccessibility_FailsWithTheFix()
    {
        using var sim = new SimulatedMessages(configure: c => c.AccessibilityDenied = true);
        var chat = sim.Db.EnsureDirectChat("+15554440001");
        var target = sim.Db.ReceiveText(chat, "+15554440001", "nice");
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("tb", new ReactionSend { MessageGuid = target.Guid, Reaction = ReactionType.Love });
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Failed, done.State);
        Assert.Contains("Accessibility", done.Error);
    }

    [Fact]
    public async Task CreateChat_BindsTheNewGroupsGuid()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("grp", new CreateChatSend
        {
            Recipients = ["+15554440001", "someone@example.com"], Text = "Welcome, all & \"friends\"",
        });
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Equal(sim.Db.Scalar("SELECT guid FROM chat WHERE style = 43"), done.ChatGuid);
    }

    [Fact]
    public async Task Participants_AddAndRemove_AreVerifiedByGroupActionRows()
    {
        using var sim = new SimulatedMessages();
        var group = sim.Db.CreateGroupChat(["+15554440001", "+15554440002"]);
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var add = h.Pipeline.Submit("add", new AddParticipantSend { ChatGuid = group.Guid, Handle = "+15554440003" }).Entry;
        Assert.Equal(SendState.Sent, (await h.WaitFinalAsync(add.SendId)).State);
        var remove = h.Pipeline.Submit("rm", new RemoveParticipantSend { ChatGuid = group.Guid, Handle = "+15554440001" }).Entry;
        Assert.Equal(SendState.Sent, (await h.WaitFinalAsync(remove.SendId)).State);

        Assert.Equal(["+15554440002", "+15554440003"], h.ChatDb.GetChat(group.Guid)!.Participants.Order());
    }

    [Fact]
    public async Task Participants_ForAnUnknownChat_ADirectChat_OrAChangeAlreadySo_AreRefusedAtOnce_NothingQueued()
    {
        using var sim = new SimulatedMessages();
        var group = sim.Db.CreateGroupChat(["+15554440001", "+15554440002"]);
        var direct = sim.Db.EnsureDirectChat("+15554440009");
        await using var h = new SendHarness(sim);

        var unknown = await Assert.ThrowsAsync<SendTargetNotFoundException>(() =>
            h.Pipeline.SubmitAsync("a", new AddParticipantSend { ChatGuid = "iMessage;+;chat-none", Handle = "+15554440003" }, CancellationToken.None));
        Assert.Equal("chat_guid", unknown.Field);
        var notGroup = await Assert.ThrowsAsync<SendPreconditionException>(() =>
            h.Pipeline.SubmitAsync("b", new AddParticipantSend { ChatGuid = direct.Guid, Handle = "+15554440003" }, CancellationToken.None));
        Assert.Contains("only groups have members", notGroup.Message);
        var member = await Assert.ThrowsAsync<SendPreconditionException>(() =>
            h.Pipeline.SubmitAsync("c", new AddParticipantSend { ChatGuid = group.Guid, Handle = "+15554440002" }, CancellationToken.None));
        Assert.Equal("handle", member.Field);
        var stranger = await Assert.ThrowsAsync<SendPreconditionException>(() =>
            h.Pipeline.SubmitAsync("d", new RemoveParticipantSend { ChatGuid = group.Guid, Handle = "+15554440003" }, CancellationToken.None));
        Assert.Contains("is not a member", stranger.Message);

        Assert.All(new[] { "a", "b", "c", "d" }, key => Assert.Null(h.Pipeline.FindByKey(key)));
    }

    [Fact]
    public async Task RichLink_GoesThroughTheComposeField_AsTheUrlAlone()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("link", new MessageSend
        {
            To = "+15554440001", Parts = [new(OutboundPartKind.RichLink, "https://example.com/a?b=c&d=\"e\"")],
        });

        Assert.Equal(SendState.Sent, (await h.WaitFinalAsync(entry.SendId)).State);
        Assert.Empty(sim.Actions);                                  // no AppleScript: the verified compose field and one Return
        Assert.Single(sim.Ui.Events, e => e == "return");
        Assert.Equal("https://example.com/a?b=c&d=\"e\"", sim.LastSentText());
        Assert.Equal("com.apple.messages.URLBalloonProvider", sim.Db.Scalar("SELECT balloon_bundle_id FROM message"));
    }

    [Fact]
    public async Task RichLink_WithoutAccessibility_FallsBackToAPlainSendOfTheUrl()
    {
        using var sim = new SimulatedMessages(configure: c => c.AccessibilityDenied = true);
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("link", new MessageSend
        {
            To = "+15554440001", Parts = [new(OutboundPartKind.RichLink, "https://example.com/")],
        });

        Assert.Equal(SendState.Sent, (await h.WaitFinalAsync(entry.SendId)).State);
        Assert.Equal(["send-text-to-handle 4"], sim.Actions);
        Assert.DoesNotContain(sim.Ui.Events, e => e.StartsWith("open ", StringComparison.Ordinal));
        Assert.Equal("https://example.com/", sim.LastSentText());
    }

    [Fact]
    public async Task Typing_ShowsTheIndicatorInTheTargetConversation()
    {
        using var sim = new SimulatedMessages();
        var group = sim.Db.CreateGroupChat(["+15554440001", "+15554440002"]);
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("typing", new TypingSend { ChatGuid = group.Guid, Typing = true });

        Assert.Equal(SendState.Sent, (await h.WaitFinalAsync(entry.SendId)).State);
        Assert.Equal($"start {group.ChatIdentifier}\n", await File.ReadAllTextAsync(sim.ChatDbPath + ".typing.log"));
        Assert.Equal(" ", sim.Ui.Draft(group.Guid));
    }
}
