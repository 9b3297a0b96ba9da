using LineAgent.Agent.Correlation;
using LineAgent.Agent.MessagesApp;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// One Messages script call of a send and how to recognise its row. <see cref="Prepare"/> runs just before the
/// call (staging files); <see cref="Run"/> is the call, given the action to run immediately before osascript is
/// spawned; <see cref="Expect"/> builds the chat.db expectation (null: nothing to verify, e.g. typing).
/// </summary>
public sealed record SendStep(
    string Name,
    bool IsFile,
    Func<CancellationToken, Action, Task> Run,
    Func<CorrelationExpectation?> Expect)
{
    /// <summary>Runs before the call; returns staged file paths to remember for cleanup.</summary>
    public Func<IReadOnlyList<string>> Prepare { get; init; } = () => [];

    /// <summary>
    /// A second way to run the step when the first fails before sending anything (e.g. a rich link without
    /// Accessibility falls back to a plain send of the URL). Null: no fallback.
    /// </summary>
    public SendStep? Fallback { get; init; }

    /// <summary>
    /// For UI actions whose effect is not one new row (an edit, an unsend, a chat marked read, several rows of one send,
    /// a reply checked for its thread): the chat.db state to wait for, used instead of <see cref="Expect"/>. Null: use
    /// <see cref="Expect"/>.
    /// </summary>
    public Func<StateExpectation>? ExpectState { get; init; }
}
