using System.Text;

namespace LineAgent.FakeMessages.Ax;

public sealed partial class FakeMessagesUi
{
    /// <summary>The pasteboard type of a file URL item (NSPasteboardTypeFileURL).</summary>
    public const string FileUrlType = "public.file-url";

    /// <summary>The pasteboard type of plain text (NSPasteboardTypeString).</summary>
    public const string TextType = "public.utf8-plain-text";

    /// <summary>
    /// What the compose field shows per attached file: U+FFFC (object replacement character) and a newline — Beeper
    /// waits for exactly these 2 characters after pasting one file (pasteFileInBodyFieldAndSend). For several files
    /// the same pair per file is this fake's inference.
    /// </summary>
    public const string AttachmentMark = "\uFFFC\n";

    private List<List<(string Type, byte[] Data)>> _pasteboard = [];
    private long _pasteboardChanges;
    private readonly Dictionary<string, List<string>> _draftFiles = new(StringComparer.Ordinal);
    private string _searchValue = "";

    /// <summary>Puts text on the pasteboard (as a human copying would).</summary>
    public void CopyText(string text) => Arrange(_ => WritePasteboard([[(TextType, Encoding.UTF8.GetBytes(text))]]));

    /// <summary>The pasteboard's items (type → data), a copy.</summary>
    public List<List<(string Type, byte[] Data)>> PasteboardItems
    {
        get
        {
            lock (_sync)
                return _pasteboard.Select(i => i.ToList()).ToList();
        }
    }

    /// <summary>The pasteboard's plain text, when its one item is text (tests).</summary>
    public string? PasteboardText
    {
        get
        {
            lock (_sync)
                return _pasteboard is [var only] && only.FirstOrDefault(e => e.Type == TextType) is { Data: { } d } ? Encoding.UTF8.GetString(d) : null;
        }
    }

    /// <summary>The files a chat's compose field holds (pasted, not sent).</summary>
    public IReadOnlyList<string> DraftFiles(string chatGuid)
    {
        lock (_sync)
            return _draftFiles.GetValueOrDefault(chatGuid)?.ToList() ?? [];
    }

    /// <summary>What was pasted into the sidebar search field (a paste that missed the compose field lands here).</summary>
    public string SearchText
    {
        get
        {
            lock (_sync)
                return _searchValue;
        }
    }

    internal long PasteboardChangeCount => _pasteboardChanges;

    /// <summary>The pasteboard as the agent's copy reads it; null when reading would raise the privacy alert (fault).</summary>
    internal List<List<(string Type, byte[] Data)>>? ReadPasteboard() => Faults.PasteboardPrivate ? null : PasteboardItems;

    internal void WritePasteboard(List<List<(string Type, byte[] Data)>> items)
    {
        _pasteboard = items;
        _pasteboardChanges++;
        Touch();
    }

    /// <summary>clearContents + writeObjects: of NSURLs: one file-URL item per path. Returns the new change count.</summary>
    internal long WriteFileUrls(IEnumerable<string> paths)
    {
        WritePasteboard(paths.Select(p => new List<(string, byte[])> { (FileUrlType, Encoding.UTF8.GetBytes(new Uri(p).AbsoluteUri)) }).ToList());
        Log("pasteboard files");
        if (Faults.HumanCopiesAfterWrite is { } copied)
        {
            Faults.HumanCopiesAfterWrite = null;
            WritePasteboard([[(TextType, Encoding.UTF8.GetBytes(copied))]]);   // someone copied right after: the count moves on
            return _pasteboardChanges - 1;
        }
        return _pasteboardChanges;
    }

    /// <summary>
    /// Cmd-V posted to Messages: pastes into whatever has focus — the search field, the add-member field — and with no
    /// focus into the compose field of the conversation shown (Beeper: "hitting ⌘V without focus works too unless
    /// another text field is focused"), whichever conversation that is. File URLs become attachments of that compose
    /// field, text is appended.
    /// </summary>
    public void PostPaste()
    {
        lock (_sync)
        {
            Tick();
            Log("paste");
            Touch();
            if (Faults.PasteIgnored)
            {
                Faults.PasteIgnored = false;
                return;
            }
            var files = _pasteboard.SelectMany(i => i.Where(e => e.Type == FileUrlType)).Select(e => new Uri(Encoding.UTF8.GetString(e.Data)).LocalPath).ToList();
            var text = string.Concat(_pasteboard.Select(i => i.FirstOrDefault(e => e.Type == TextType).Data is { } d ? Encoding.UTF8.GetString(d) : ""));
            // A text field takes the file URLs as text (their paths), visibly wrong.
            var asText = files.Count > 0 ? string.Join(' ', files) : text;
            switch (_focus)
            {
                case Focus.Search:
                    _searchValue += asText;
                    return;
                case Focus.AddMemberField:
                    _addValue += asText;
                    return;
            }
            if (_shownChat is null && _composeTo is null)
                return;
            var key = DraftKey;
            if (files.Count > 0)
            {
                if (!_draftFiles.TryGetValue(key, out var list))
                    _draftFiles[key] = list = [];
                list.AddRange(files);
            }
            else if (text.Length > 0)
                SetComposeValue(_drafts.GetValueOrDefault(key, "") + text);
        }
    }

    /// <summary>The compose field's AXValue: the draft text, then one <see cref="AttachmentMark"/> per pasted file.</summary>
    private string ComposeValue(string key) =>
        _drafts.GetValueOrDefault(key, "") + string.Concat(Enumerable.Repeat(AttachmentMark, _draftFiles.GetValueOrDefault(key)?.Count ?? 0));

    /// <summary>Return with files in the compose field: the text first, then one row per file, consecutively (one send).</summary>
    private void SendFiles(LineAgent.FakeChatDb.FakeChat chat, string text, List<string> files)
    {
        var writer = Writer();
        if (text.Length > 0)
            writer.InsertOutgoing(chat, text, chat.IsGroup ? null : chat.ChatIdentifier, chat.Service, sentNow: true);
        foreach (var file in files)
            writer.InsertOutgoingFile(chat, file, sentNow: true, transferDone: true);
        Log($"sent {files.Count} files {chat.Guid}");
    }
}
