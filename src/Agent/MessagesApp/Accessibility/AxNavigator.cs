namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>
/// Finds Messages' elements the way the peers do — by AXIdentifier, role and description, never by child index
/// alone — with every traversal bounded (depth and node budget), custom actions matched by "Name:&lt;title&gt;"
/// prefix, and titles resolved at run time from Messages' own tables. Holds no state but the resolved titles.
/// </summary>
public sealed class AxNavigator(IAxApplication app, AxTimings timings, TimeProvider time)
{
    public const string ConversationListId = "ConversationList";
    public const string ConversationListCollectionId = "CKConversationListCollectionView";
    public const string TranscriptId = "TranscriptCollectionView";
    public const string ComposeFieldId = "messageBodyField";
    public const string TapbackPickerId = "TapbackPickerCollectionView";
    public const string ContentGroupSubrole = "iOSContentGroup";

    public IAxApplication App => app;

    public AxTimings Timings => timings;

    /// <summary>Breadth-first search below <paramref name="root"/>; stops at the depth limit and the node budget.</summary>
    public IAxElement? Find(IAxElement root, Func<IAxElement, bool> match) => FindAll(root, match, 1).FirstOrDefault();

    /// <summary>Up to <paramref name="limit"/> matches, breadth-first, bounded like <see cref="Find"/>.</summary>
    public List<IAxElement> FindAll(IAxElement root, Func<IAxElement, bool> match, int limit = int.MaxValue)
    {
        var found = new List<IAxElement>();
        var queue = new Queue<(IAxElement Element, int Depth)>();
        queue.Enqueue((root, 0));
        var visited = 0;
        while (queue.Count > 0 && found.Count < limit)
        {
            var (element, depth) = queue.Dequeue();
            if (++visited > timings.NodeBudget)
                break;
            IReadOnlyList<IAxElement> children;
            try
            {
                if (depth > 0 && match(element))
                    found.Add(element);
                children = depth < timings.MaxDepth ? element.Children : [];
            }
            catch (AxException ex) when (ex.Error is AxError.InvalidUIElement)
            {
                continue;   // re-rendered while we walked: skip it, the caller re-validates what it found
            }
            foreach (var child in children)
                queue.Enqueue((child, depth + 1));
        }
        return found;
    }

    /// <summary>The element with <paramref name="identifier"/> below <paramref name="root"/>.</summary>
    public IAxElement? ById(IAxElement root, string identifier) => Find(root, e => e.Identifier == identifier);

    /// <summary>
    /// Messages' main window: the one that contains the conversation list (Beeper isMainWindow). Null when Messages has
    /// no such window.
    /// </summary>
    public IAxElement? MainWindow() => app.Windows.FirstOrDefault(w =>
        Find(w, e => e.Identifier is ConversationListId or ConversationListCollectionId) is not null);

    /// <summary>The main transcript (TranscriptCollectionView whose description is not the reply transcript's).</summary>
    public IAxElement? Transcript(IAxElement window)
    {
        var overlay = Titles(AxStringKey.ReplyTranscript);
        return FindAll(window, e => e.Identifier == TranscriptId, 4).FirstOrDefault(t => !overlay.Contains(t.Description ?? ""));
    }

    /// <summary>The reply-transcript overlay when it is shown.</summary>
    public IAxElement? ReplyTranscript(IAxElement window)
    {
        var overlay = Titles(AxStringKey.ReplyTranscript);
        return FindAll(window, e => e.Identifier == TranscriptId, 4).FirstOrDefault(t => overlay.Contains(t.Description ?? ""));
    }

    /// <summary>The compose field (messageBodyField).</summary>
    public IAxElement? ComposeField(IAxElement window) => ById(window, ComposeFieldId);

    /// <summary>The iOSContentGroup's first child: where the To-field, pickers and editing controls live.</summary>
    public IAxElement? ContentFirstChild(IAxElement window) =>
        Find(window, e => e.Subrole == ContentGroupSubrole)?.Children.FirstOrDefault();

    /// <summary>The To-field addresses (the AXPopUpButton under the content group's first child, description "a, b").</summary>
    public IReadOnlyList<string>? ToFieldAddresses(IAxElement window)
    {
        var first = ContentFirstChild(window);
        var popup = first?.Children.FirstOrDefault(c => c.Role == AxNames.RolePopUpButton);
        var description = popup?.Description;
        return description is null ? null : description.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Every title a key may have here: Messages' own value first, then the ones peers have seen.</summary>
    public IReadOnlyList<string> Titles(AxStringKey key)
    {
        var resolved = app.Localized(key);
        return resolved is null ? key.KnownTitles : [resolved, .. key.KnownTitles.Where(k => k != resolved)];
    }

    /// <summary>
    /// The full action name on <paramref name="element"/> for <paramref name="key"/>: custom actions are serialised
    /// "Name:&lt;title&gt;\nTarget:…\nSelector:…", matched by that prefix up to the line break (never by index).
    /// </summary>
    public string? CustomAction(IAxElement element, AxStringKey key)
    {
        var actions = element.ActionNames;
        foreach (var title in Titles(key))
        {
            var prefix = "Name:" + title;
            var hit = actions.FirstOrDefault(a => a == prefix || a.StartsWith(prefix + "\n", StringComparison.Ordinal));
            if (hit is not null)
                return hit;
        }
        return null;
    }

    /// <summary>Polls <paramref name="probe"/> until it returns non-null or <paramref name="timeout"/> passes (then null).</summary>
    public async Task<T?> WaitForAsync<T>(Func<T?> probe, TimeSpan timeout, CancellationToken cancellationToken) where T : class
    {
        var started = time.GetTimestamp();
        while (true)
        {
            T? value;
            try
            {
                value = probe();
            }
            catch (AxException ex) when (ex.Error is AxError.InvalidUIElement or AxError.CannotComplete)
            {
                value = null;   // mid re-render or busy: look again
            }
            if (value is not null)
                return value;
            if (time.GetElapsedTime(started) >= timeout)
                return null;
            await Task.Delay(timings.PollInterval, time, cancellationToken);
        }
    }

    /// <summary>Polls a condition (see <see cref="WaitForAsync{T}"/>).</summary>
    public async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken) =>
        await WaitForAsync(() => condition() ? this : null, timeout, cancellationToken) is not null;
}
