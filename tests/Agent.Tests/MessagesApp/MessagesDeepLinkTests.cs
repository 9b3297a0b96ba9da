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
    public void Links_CarryHostileValuesIntact_AndCannotInjectParameters(string value)
    {
        var group = DeepLink.Parse(MessagesDeepLink.ForNewGroup(["+15551230001", "a,b@example.com"], value));
        var conversation = DeepLink.Parse(MessagesDeepLink.ForConversation(new ChatTarget("iMessage;+;chat123"), value));
        var message = DeepLink.Parse(MessagesDeepLink.ForMessage(value));

        Assert.Equal(["+15551230001", "a,b@example.com"], group.Addresses);
        Assert.Equal(value, group.Get("body"));
        Assert.Equal("chat123", conversation.Get("groupid"));
        Assert.Equal(value, conversation.Get("body"));
        Assert.Equal(value, message.Get("message-guid"));
        Assert.Equal(["message-guid", "overlay"], message.Query.Keys.Order());
    }

    [Fact]
    public void OneToOneTargets_UseTheAddressForm()
    {
        Assert.Equal("imessage://open?address=%2B15551230001", MessagesDeepLink.ForConversation(new HandleTarget("+15551230001", MessagesService.IMessage)));
        Assert.Equal("imessage://open?address=a%40b.c&body=%20", MessagesDeepLink.ForConversation(new ChatTarget("any;-;a@b.c"), " "));
    }
}
