namespace LineAgent.Agent.MessagesApp.Accessibility;

public sealed partial class AccessibilityMessagesUi
{
    /// <summary>Most files one paste carries: the API's 10 parts per message (SendRequestValidator.MaxParts).</summary>
    public const int MaxImagesPerSend = 10;

    /// <summary>
    /// Pastes the staged files into the verified compose field of the target conversation and sends them with one
    /// Return (Beeper pasteFileInBodyFieldAndSend, for several file URLs at once). The pasteboard is the user's: what
    /// was on it is put back afterwards when it could be read without a privacy prompt and nobody wrote to it since.
    /// </summary>
    public Task SendImagesAsync(SendTarget target, IReadOnlyList<string> stagedPaths, CancellationToken cancellationToken, Action? beforeAct = null)
    {
        if (stagedPaths.Count is < 1 or > MaxImagesPerSend)
            throw new ArgumentOutOfRangeException(nameof(stagedPaths), stagedPaths.Count, $"1 to {MaxImagesPerSend} files per send");
        if (stagedPaths.Any(p => !Path.IsPathFullyQualified(p)))
            throw new ArgumentException("staged files have absolute paths", nameof(stagedPaths));
        return RunAsync(async (s, ct) =>
        {
            var shown = await ShowConversationAsync(s, target, ct);
            await PasteAndSendAsync(s, shown, stagedPaths, ct);
        }, beforeAct, cancellationToken);
    }

    /// <summary>
    /// Focus → file URLs on the pasteboard → Cmd-V → the field shows exactly one U+FFFC per file → Return. Before the
    /// paste and again before Return: the focus is in this very field, the conversation is still the target, and (before
    /// the paste) the pasteboard still holds what the agent wrote. A field holding anything beforehand is someone's
    /// draft: refused, untouched. If the paste does not take, nothing is sent and the agent's partial paste is cleared.
    /// </summary>
    private static async Task PasteAndSendAsync(AxSession s, ExpectedConversation expected, IReadOnlyList<string> paths, CancellationToken ct)
    {
        var window = await s.MainWindowAsync(ct);
        var field = s.Nav.ComposeField(window) ?? throw AxFailures.Shape("no compose field");
        if ((field.Value ?? "").Length > 0)
            throw AxFailures.Unavailable("the compose field of this conversation holds a draft; sending now would send it too.");
        s.Change(field.Focus);
        if (!await s.Nav.WaitUntilAsync(() => HasFocus(s, field), s.Nav.Timings.ValueTimeout, ct))
            throw AxFailures.Wrong("the keyboard focus is not in the compose field of the target conversation, so nothing is pasted");
        RequireShown(s, expected);

        var board = s.App.Pasteboard;
        var saved = board.TrySave();
        var ours = board.WriteFileUrls(paths);
        try
        {
            if (board.ChangeCount != ours)
                throw AxFailures.Unavailable("the pasteboard changed right after the agent put the files on it (someone copied); nothing was pasted.");
            if (!HasFocus(s, field))
                throw AxFailures.Wrong("the keyboard focus left the compose field before the paste, so nothing is pasted");
            RequireShown(s, expected);
            s.Change(s.App.PostPaste);
            if (!await s.Nav.WaitUntilAsync(() => ShowsFiles(field.Value, paths.Count), s.Nav.Timings.PasteTimeout, ct))
            {
                OwnPaste(s, field);
                throw AxFailures.Unavailable($"the compose field did not show the {paths.Count} pasted files (the paste did not take); nothing was sent.");
            }
            s.Draft = (field, field.Value!);
            if (!HasFocus(s, field))
                throw AxFailures.Wrong("the keyboard focus left the compose field after the paste, so Return is not pressed");
            RequireShown(s, expected);
            s.Commit(s.App.PostReturn);
            if (!await s.Nav.WaitUntilAsync(() => string.IsNullOrEmpty(field.Value), s.Nav.Timings.SendTimeout, ct))
                throw AxFailures.Ambiguous("Return was pressed but the compose field did not empty");
            s.Draft = null;
        }
        finally
        {
            RestorePasteboard(board, saved, ours);
        }
    }

    private static bool HasFocus(AxSession s, IAxElement field) => s.App.FocusedElement is { } f && f.IsSameAs(field);

    /// <summary>
    /// The field shows the pasted files and nothing else: exactly <paramref name="count"/> U+FFFC (one per attachment,
    /// Beeper counts "&lt;OBJ_REPLACEMENT_CHAR&gt; and \n" for one file) and only whitespace besides.
    /// </summary>
    internal static bool ShowsFiles(string? value, int count) =>
        value is not null && value.Count(c => c == '\uFFFC') == count && value.All(c => c == '\uFFFC' || char.IsWhiteSpace(c));

    /// <summary>A paste that took only partly is the agent's (the field was empty before it): the cleanup clears it.</summary>
    private static void OwnPaste(AxSession s, IAxElement field)
    {
        if (field.Value is { Length: > 0 } value && value.Contains('\uFFFC') && value.All(c => c == '\uFFFC' || char.IsWhiteSpace(c)))
            s.Draft = (field, value);
    }

    /// <summary>
    /// Puts the user's pasteboard back — only when it could be read (macOS 15.4+ asks unless LineAgent is set to "Always
    /// Allow") and nobody wrote to it after the agent (a newer copy by the user is theirs to keep). Never throws.
    /// </summary>
    private static void RestorePasteboard(IPasteboard board, PasteboardContents? saved, long ours)
    {
        if (saved is null)
            return;
        try
        {
            if (board.ChangeCount == ours)
                board.Restore(saved);
        }
        catch (AxException)
        {
            // The pasteboard server did not answer: the files stay on it; the send's own outcome stands.
        }
    }
}
