namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// A Messages script failed. <see cref="Exception.Message"/> is written for the operator: what happened and
/// what to do. <see cref="NothingSent"/> says whether the failure provably happened before anything was sent
/// (only those may be retried); otherwise the outcome must be looked up in chat.db.
/// </summary>
public sealed class MessagesDriverException(
    MessagesFailureKind kind, int? code, string operatorMessage, bool nothingSent, string script, string? stderr)
    : Exception(operatorMessage)
{
    /// <summary>The classified failure.</summary>
    public MessagesFailureKind Kind { get; } = kind;

    /// <summary>The AppleScript error number from stderr, when there was one.</summary>
    public int? Code { get; } = code;

    /// <summary>True when the failure happened before Messages could have sent anything.</summary>
    public bool NothingSent { get; } = nothingSent;

    /// <summary>The script that failed (name without extension).</summary>
    public string Script { get; } = script;

    /// <summary>osascript's stderr, trimmed (for logs; may contain message text, so log at Debug only).</summary>
    public string? Stderr { get; } = stderr;
}
