using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.ChatDbReader.Records;
using LineAgent.FakeMessages.Ax;

namespace LineAgent.Agent.Tests.MessagesApp.Accessibility;

/// <summary>Tapbacks through the real navigator against the simulated tree, on every modelled macOS version.</summary>
public sealed class TapbackTests
{
    public static TheoryData<MacVersion> Versions => [MacVersion.V13, MacVersion.V14, MacVersion.V15, MacVersion.V26];

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Tapback_LandsOnTheChosenMessage_AndRemovesIt(MacVersion version)
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Version = version;
        var chat = sim.Db.EnsureDirectChat("+15554440001");
        var target = sim.Db.ReceiveText(chat, "+15554440001", "first");
        sim.Db.ReceiveText(chat, "+15554440001", "latest");      // a shortcut tapback would land here
        var ui = sim.Accessibility();
        var message = new MessageTarget(new ChatTarget(chat.Guid), target.Guid, 0);

        await ui.SendTapbackAsync(message, ReactionType.Laugh, remove: false, CancellationToken.None);
        await ui.SendTapbackAsync(message, ReactionType.Laugh, remove: true, CancellationToken.None);

        Assert.Equal(1L, sim.MessageCount($"associated_message_type = 2003 AND associated_message_guid = 'p:0/{target.Guid}'"));
        Assert.Equal(1L, sim.MessageCount($"associated_message_type = 3003 AND associated_message_guid = 'p:0/{target.Guid}'"));
        Assert.Equal(2L, sim.MessageCount("associated_message_type <> 0"));
        Assert.False(sim.Ui.PickerOpen);
    }

    [Fact]
    public void Tapback_OnAPartOtherThanTheFirst_IsRefusedBeforeTouchingTheUi()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat("+15554440001");
        var target = sim.Db.ReceiveText(chat, "+15554440001", "two parts");

        var ex = Assert.Throws<MessagesDriverException>(() =>
        {
            _ = sim.Accessibility().SendTapbackAsync(new MessageTarget(new ChatTarget(chat.Guid), target.Guid, 1), ReactionType.Love, false, CancellationToken.None);
        });

        Assert.True(ex.NothingSent);
        Assert.Contains("part_index > 0", ex.Message);
        Assert.Empty(sim.Ui.Events);
        Assert.Equal(0L, sim.MessageCount("associated_message_type <> 0"));
    }
}
