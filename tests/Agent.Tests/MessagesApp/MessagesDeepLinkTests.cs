using LineAgent.Agent.MessagesApp;
using LineAgent.FakeMessages;

namespace LineAgent.Agent.Tests.MessagesApp;

public sealed class MessagesDeepLinkTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("a&addresses=+1999&body=x")]
    [InlineData("\" & do shell script \"id\" & \"")]
    [InlineData("line\nbreak, comma; semicolon # hash % percent ? question")]
    [InlineData("emoji 👍🏽 and RTL \u202Eטקסט")]
    public void Links_CarryHostileAddressesIntact_AndCannotInjectParameters(string value)
    {
        var group = DeepLink.Parse(MessagesDeepLink.ForNewGroup(["+15551230001", value]));
        var conversation = DeepLink.Parse(MessagesDeepLink.ForConversation(new HandleTarget(value, MessagesService.IMessage)));

        Assert.Equal(["+15551230001", value], group.Addresses);
        Assert.Equal(value, conversation.Get("address"));
        Assert.Equal(["address"], conversation.Query.Keys);
        Assert.Equal(["addresses"], group.Query.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GUID_part")]
    [InlineData("a&overlay=1")]
    [InlineData("x y")]
    public void MessageLinks_RefuseWhatIsNotAMessageGuid(string guid) =>
        Assert.Throws<ArgumentException>(() => MessagesDeepLink.ForMessage(guid));

    [Fact]
    public void Links_UseBeepersColonOnlyForm_AndEncodePlus()
    {
        Assert.Equal("imessage:open?address=%2B15551230001", MessagesDeepLink.ForConversation(new HandleTarget("+15551230001", MessagesService.IMessage)));
        Assert.Equal("imessage:open?address=a%40b.c", MessagesDeepLink.ForConversation(new ChatTarget("any;-;a@b.c")));
        Assert.Equal("imessage:open?groupid=chat123", MessagesDeepLink.ForConversation(new ChatTarget("iMessage;+;chat123")));
        Assert.Equal("imessage:open?message-guid=5B0F-AA", MessagesDeepLink.ForMessage("5B0F-AA"));
        Assert.Equal("imessage:open?message-guid=5B0F-AA&overlay=1", MessagesDeepLink.ForMessage("5B0F-AA", overlay: true));
    }
}
