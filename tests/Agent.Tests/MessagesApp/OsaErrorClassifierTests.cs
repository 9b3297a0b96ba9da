using LineAgent.Agent.MessagesApp;

namespace LineAgent.Agent.Tests.MessagesApp;

public sealed class OsaErrorClassifierTests
{
    [Theory]
    [InlineData("send-text-to-chat", "123:456: execution error: Messages got an error: Can’t get chat id \"iMessage;+;chat1\". (-1728)", MessagesFailureKind.NotFound, -1728, true)]
    [InlineData("send-text-to-handle", "execution error: Not authorized to send Apple events to Messages. (-1743)", MessagesFailureKind.AutomationDenied, -1743, true)]
    [InlineData("send-text-to-handle", "execution error: Messages got an error: errAEEventWouldRequireUserConsent (-1744)", MessagesFailureKind.AutomationConsentRequired, -1744, true)]
    [InlineData("probe-automation", "execution error: System Events got an error: osascript is not allowed assistive access. (-1719)", MessagesFailureKind.AccessibilityDenied, -1719, true)]
    [InlineData("probe-automation", "execution error: System Events got an error: Can’t get window 1 of process \"Messages\". Invalid index. (-1719)", MessagesFailureKind.UiElementMissing, -1719, false)]
    [InlineData("probe-automation", "execution error: UI scripting is not enabled. (-25211)", MessagesFailureKind.AccessibilityDenied, -25211, true)]
    [InlineData("probe-automation", "execution error: System Events got an error: osascript is not allowed to send keystrokes. (1002)", MessagesFailureKind.AccessibilityDenied, 1002, true)]
    [InlineData("send-text-to-chat", "execution error: Messages got an error: AppleEvent timed out. (-1712)", MessagesFailureKind.AppleEventTimedOut, -1712, false)]
    [InlineData("send-text-to-chat", "execution error: Messages got an error: Application isn’t running. (-600)", MessagesFailureKind.MessagesNotRunning, -600, true)]
    [InlineData("send-text-to-chat", "execution error: Messages has no SMS account on this Mac; nothing was sent. (9100)", MessagesFailureKind.NoServiceAccount, 9100, true)]
    [InlineData("send-text-to-chat", "execution error: Messages got an error: Connection is invalid. (-609)", MessagesFailureKind.ConnectionInvalid, -609, false)]
    [InlineData("send-text-to-handle", "execution error: Can’t make any into type constant. (-1700)", MessagesFailureKind.BadValue, -1700, true)]
    [InlineData("send-text-to-handle", "execution error: send-text-to-handle expects 3 arguments. (-1708)", MessagesFailureKind.BadArguments, -1708, true)]
    [InlineData("send-text-to-chat", "execution error: Messages got an error: Can not send message to a chat you are not a member of! (1)", MessagesFailureKind.NotAMember, 1, true)]
    [InlineData("send-text-to-chat", "something nobody has seen before", MessagesFailureKind.Unknown, null, false)]
    public void Classify_MapsStderrToTypedFailure(string script, string stderr, MessagesFailureKind kind, int? code, bool nothingSent)
    {
        var failure = OsaErrorClassifier.Classify(script, 1, stderr + "\n");

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(code, failure.Code);
        Assert.Equal(nothingSent, failure.NothingSent);
        Assert.StartsWith(script + " failed", failure.Message);
    }

    [Fact]
    public void Classify_ExplainsWhatToGrant_ForPermissionFailures()
    {
        var automation = OsaErrorClassifier.Classify("send-text-to-handle", 1, "execution error: Not authorized. (-1743)");
        var accessibility = OsaErrorClassifier.Classify("probe-automation", 1, "execution error: not allowed assistive access. (-1719)");

        Assert.Contains("Privacy & Security › Automation", automation.Message);
        Assert.Contains("Privacy & Security › Accessibility", accessibility.Message);
    }

    [Fact]
    public void Classify_KeepsMessageTextOutOfTheOperatorMessage()
    {
        // stderr may quote what was being sent; the exception message is logged and returned, so it must not.
        var failure = OsaErrorClassifier.Classify("send-text-to-handle", 1, "execution error: Can’t make \"my secret text\" into type. (-1700)");

        Assert.DoesNotContain("my secret text", failure.Message);
        Assert.Contains("my secret text", failure.Stderr);
    }

    [Fact]
    public void TimedOut_IsAmbiguous()
    {
        var failure = OsaErrorClassifier.TimedOut("send-text-to-handle", TimeSpan.FromSeconds(30));

        Assert.Equal(MessagesFailureKind.TimedOut, failure.Kind);
        Assert.False(failure.NothingSent);
        Assert.Contains("never resent", failure.Message);
    }
}
