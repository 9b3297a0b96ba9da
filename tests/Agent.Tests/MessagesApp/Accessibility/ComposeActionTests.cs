using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeMessages.Ax;

namespace LineAgent.Agent.Tests.MessagesApp.Accessibility;

/// <summary>Rich link, group creation, typing and participants through the real driver, on every modelled version.</summary>
public sealed class ComposeActionTests
{
    public static TheoryData<MacVersion> Versions => [MacVersion.V13, MacVersion.V14, MacVersion.V15, MacVersion.V26];

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task RichLink_IsSentFromTheVerifiedComposeField_OfTheTargetOnly(MacVersion version)
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Version = version;
        var other = sim.Db.EnsureDirectChat("+15554440009");
        sim.Ui.ShowChat(other.Guid);                        // another conversation is on screen
        var chat = sim.Db.EnsureDirectChat("+15554440001");

        await sim.Accessibility().SendRichLinkAsync(new ChatTarget(chat.Guid), "https://example.com/x", CancellationToken.None);

        Assert.Equal(1L, sim.MessageCount("is_from_me = 1"));
        Assert.Equal("com.apple.messages.URLBalloonProvider", sim.Db.Scalar(
            "SELECT m.balloon_bundle_id FROM message m JOIN chat_message_join j ON j.message_id = m.ROWID WHERE j.chat_id = $c", ("$c", chat.RowId)));
        Assert.Equal("", sim.Ui.Draft(chat.Guid));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task CreateGroup_SendsTheFirstMessageToANewGroup(MacVersion version)
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Version = version;

        await sim.Accessibility().CreateGroupAsync(["+15554440001", "friend@example.com"], "Welcome, all", CancellationToken.None);

        var group = sim.Db.Scalar("SELECT guid FROM chat WHERE style = 43") as string;
        Assert.NotNull(group);
        Assert.Equal("Welcome, all", sim.LastSentText());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Typing_StartsWithTheMarker_AndStopsByClearingOnlyIt(MacVersion version)
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Version = version;
        var chat = sim.Db.EnsureDirectChat("+15554440001");
        var ui = sim.Accessibility();

        await ui.SetTypingAsync(new ChatTarget(chat.Guid), true, CancellationToken.None);
        Assert.Equal(" ", sim.Ui.Draft(chat.Guid));
        await ui.SetTypingAsync(new ChatTarget(chat.Guid), false, CancellationToken.None);

        Assert.Equal("", sim.Ui.Draft(chat.Guid));
        Assert.Equal($"start {chat.ChatIdentifier}\nstop {chat.ChatIdentifier}\n", await File.ReadAllTextAsync(sim.ChatDbPath + ".typing.log"));
        Assert.Equal(0L, sim.MessageCount());                // nothing was ever sent
    }

    [Fact]
    public async Task Typing_NeverTouchesAHumansDraft()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat("+15554440001");
        sim.Ui.SetDraft(chat.Guid, "half-written reply");
        var ui = sim.Accessibility();

        var start = await Assert.ThrowsAsync<MessagesDriverException>(() => ui.SetTypingAsync(new ChatTarget(chat.Guid), true, CancellationToken.None));
        var stop = await Assert.ThrowsAsync<MessagesDriverException>(() => ui.SetTypingAsync(new ChatTarget(chat.Guid), false, CancellationToken.None));

        Assert.True(start.NothingSent && stop.NothingSent);
        Assert.Equal("half-written reply", sim.Ui.Draft(chat.Guid));
        Assert.Equal(0L, sim.MessageCount());
    }

    [Fact]
    public async Task Participants_AddAndRemove_OnTheModelled26Path_NeverPressReturn()
    {
        using var sim = new SimulatedMessages();
        var group = sim.Db.CreateGroupChat(["+15554440001", "+15554440002"]);
        var ui = sim.Accessibility();

        await ui.AddParticipantAsync(new ChatTarget(group.Guid), "+15554440003", CancellationToken.None);
        // Displayed as "+1 (555) 444-0001": matched by digits, not by string.
        await ui.RemoveParticipantAsync(new ChatTarget(group.Guid), "+15554440001", CancellationToken.None);

        Assert.Equal(1L, sim.MessageCount("item_type = 1 AND group_action_type = 0"));
        Assert.Equal(1L, sim.MessageCount("item_type = 1 AND group_action_type = 1"));
        Assert.Equal(0L, sim.MessageCount("is_from_me = 1 AND item_type = 0"));   // no address was sent to the group
        Assert.DoesNotContain("return", sim.Ui.Events);
    }

    [Theory]
    [InlineData(MacVersion.V13)]
    [InlineData(MacVersion.V15)]
    public async Task Participants_WhereNoPathIsKnown_FailClosed_SayingUnproven(MacVersion version)
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Version = version;
        var group = sim.Db.CreateGroupChat(["+15554440001", "+15554440002"]);

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            sim.Accessibility().AddParticipantAsync(new ChatTarget(group.Guid), "+15554440003", CancellationToken.None));

        Assert.True(failure.NothingSent);
        Assert.Contains("unproven", failure.Message);
        Assert.Equal(0L, sim.MessageCount());
    }
}
