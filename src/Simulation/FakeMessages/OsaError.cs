namespace LineAgent.FakeMessages;

/// <summary>
/// A failure reported the way osascript reports a script error: stderr
/// <c>&lt;script&gt;: execution error: &lt;text&gt; (&lt;number&gt;)</c> and exit status 1.
/// </summary>
public sealed class OsaError(int number, string text) : Exception(text)
{
    public int Number { get; } = number;

    public static OsaError NotRunning() => new(-600, "Messages got an error: Application isn’t running.");
    public static OsaError AutomationDenied() => new(-1743, "Not authorized to send Apple events to Messages.");
    public static OsaError AssistiveAccess() => new(-1719, "System Events got an error: osascript is not allowed assistive access.");
    public static OsaError NotFound(string what) => new(-1728, $"Messages got an error: Can’t get {what}.");
    public static OsaError WrongArgumentCount(string script, int expected, int got) =>
        new(-1708, $"{script} expects {expected} arguments, got {got}.");
}
