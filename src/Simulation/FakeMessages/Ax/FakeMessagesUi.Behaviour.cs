using LineAgent.FakeChatDb;

namespace LineAgent.FakeMessages.Ax;

public sealed partial class FakeMessagesUi
{
    /// <summary>Opens a deep link: it takes effect after the link settle delay (a navigator that does not wait sees the old chat).</summary>
    public void OpenUrl(string url)
    {
        lock (_sync)
        {
            Log("open " + url);
            var delay = Settle.Of(Settle.Link);
            if (delay <= TimeSpan.Zero)
            {
                ApplyLink(url);
                Touch();
            }
            else
                _pendingLink = (url, Now + delay);
        }
    }

    private void ApplyLink(string url)
    {
        if (Faults.LinksIgnored)
            return;
        _picker = null;
        if (!DeepLink.TryParse(url, out var link))
        {
            ShowCompose([]);      // HG: unknown links open New Compose
            return;
        }
        if (Faults.NextLinkShowsChat is { } other && (link.Get("address") ?? link.Get("groupid") ?? link.Get("message-guid")) is not null)
        {
            Faults.NextLinkShowsChat = null;
            Show(other);
            return;
        }
        if (link.Get("message-guid") is { } guid)
        {
            var overlay = link.Get("overlay") == "1";
            // Beeper: without closing the reply transcript first, a non-overlay link "won't select the message".
            if (_overlayMessage is not null && !overlay)
                return;
            if (ChatOfMessage(guid) is not { } chatGuid)
            {
                ShowCompose([]);
                return;
            }
            Show(chatGuid);
            _selectedMessage = guid;
            var all = Messages(chatGuid);
            var index = all.FindIndex(m => m.Guid == guid);
            var start = Math.Max(0, all.Count - Faults.ViewportRows);
            _scroll = index >= 0 && index < start ? start - index : 0;
            if (overlay)
                _overlayMessage = guid;
        }
        else if (link.Get("groupid") is { } groupId)
        {
            var chat = Chats().FirstOrDefault(c => c.IsGroup && c.Identifier == groupId);
            if (chat is null)
                ShowCompose([]);
            else
                Show(chat.Guid);
        }
        else if (link.Addresses.Count == 1 && link.Get("addresses") is null)
        {
            var address = link.Addresses[0];
            var chat = Chats().FirstOrDefault(c => !c.IsGroup && c.Identifier == address);
            if (chat is null)
                ShowCompose([address]);     // not known yet: Messages opens a compose cell to it
            else
                Show(chat.Guid);
        }
        else if (link.Addresses.Count > 0)
            ShowCompose([.. link.Addresses]);
        else
            ShowCompose([]);
        if (link.Get("body") is { } body)
            SetComposeValue(body);
    }

    /// <summary>Return, posted to Messages: goes to the focused text field; with none focused, to the compose field (Beeper).</summary>
    public void PostReturn()
    {
        lock (_sync)
        {
            Tick();
            Log("return");
            Touch();
            if (Faults.ReturnIgnored)
            {
                Faults.ReturnIgnored = false;
                return;
            }
            if (_focus == Focus.Search)
            {
                // Return in the sidebar search opens the top hit: another conversation is now shown (visibly wrong).
                if (Chats().FirstOrDefault() is { } top)
                    Show(top.Guid);
                return;
            }
            if (_focus == Focus.AddMemberField)
                return;
            var draft = _drafts.GetValueOrDefault(DraftKey, "");
            var files = _draftFiles.GetValueOrDefault(DraftKey) ?? [];
            if (draft.Length == 0 && files.Count == 0)
                return;
            var writer = Writer();
            FakeChat chat;
            if (_composeTo is { Count: > 0 } to)
            {
                chat = to.Count == 1 ? _db.EnsureDirectChat(to[0]) : _db.CreateGroupChat(to);
                _drafts.Remove(DraftKey);
                _draftFiles.Remove(DraftKey);
                Show(chat.Guid);
            }
            else if (_shownChat is not null && _db.FindChat(_shownChat) is { } shown)
            {
                chat = shown;
                _drafts.Remove(DraftKey);
                _draftFiles.Remove(DraftKey);
            }
            else
                return;
            if (files.Count > 0)
            {
                SendFiles(chat, draft, files);      // whatever the compose field held goes to the conversation shown
                return;
            }
            var handle = chat.IsGroup ? null : chat.ChatIdentifier;
            if (_overlayMessage is { } root)
            {
                // The compose field is the reply field while the overlay is up: the text goes out as a threaded reply.
                writer.Insert(new NewMessage
                {
                    Text = draft, Chats = [chat], IsFromMe = true, IsSent = true, Service = chat.Service, Handle = handle,
                    ThreadOriginatorGuid = ThreadRoot(root), ThreadOriginatorPart = "0:0:" + draft.Length,
                });
                Log("sent reply " + chat.Guid);
                return;
            }
            var isLink = Uri.TryCreate(draft, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !draft.Contains(' ', StringComparison.Ordinal);
            writer.InsertOutgoing(chat, draft, handle, chat.Service, sentNow: true,
                balloonBundleId: isLink ? "com.apple.messages.URLBalloonProvider" : null);
            Log("sent " + chat.Guid);
        }
    }

    /// <summary>Keyboard shortcuts, for strictness only (the driver never sends them): Cmd-T reacts to the latest incoming message.</summary>
    public void PostKeys(string keys)
    {
        lock (_sync)
        {
            Tick();
            Log("keys " + keys);
            Touch();
            if (keys == "cmd+t" && _shownChat is not null && Messages(_shownChat).LastOrDefault(m => !m.FromMe) is { } latest)
                _picker = (latest.Guid, Now + Settle.Of(Settle.Picker));
            else if (keys.Length == 1 && keys[0] is >= '1' and <= '6' && _picker is { } p && Now >= p.At)
                ToggleTapback(p.Guid, (TapbackKind)(keys[0] - '1'));
        }
    }

    private void SetComposeValue(string value)
    {
        var key = DraftKey;
        var old = _drafts.GetValueOrDefault(key, "");
        _draftFiles.Remove(key);       // an AXValue write replaces the field's whole content, pasted attachments included
        if (value.Length == 0)
            _drafts.Remove(key);
        else
            _drafts[key] = value;
        if (_shownChat is not null && Chat(_shownChat) is { } chat)
        {
            // What the other side would see: typing starts with the first character and stops when the field empties.
            if (old.Length == 0 && value.Length > 0)
                File.AppendAllText(ChatDbPath + ".typing.log", $"start {chat.Identifier}\n");
            else if (old.Length > 0 && value.Length == 0)
                File.AppendAllText(ChatDbPath + ".typing.log", $"stop {chat.Identifier}\n");
        }
    }

    private void OpenPicker(string messageGuid)
    {
        // Performing the action a second time closes the picker again (Beeper).
        _picker = _picker?.Guid == messageGuid ? null : (messageGuid, Now + Settle.Of(Settle.Picker));
    }

    private void ScrollFault()
    {
        if (!Faults.ScrollAfterFind || _scrollFaultFired || _shownChat is null || _db.FindChat(_shownChat) is not { } chat)
            return;
        _scrollFaultFired = true;
        var from = Participants(Chat(_shownChat)!).FirstOrDefault() ?? "+15550000000";
        Writer().Insert(new NewMessage { Text = "(arrived while you looked)", Chats = [chat], Handle = from, Service = chat.Service });
        Log("inbound arrived; rows renumbered");
        Touch();
    }

    private void AddMember(string address)
    {
        if (_shownChat is null || _db.FindChat(_shownChat) is not { IsGroup: true } chat || address.Length == 0)
            return;
        _db.AddParticipant(chat, address);
        _addFieldOpen = false;
        _addValue = "";
        Log("member added " + chat.Guid);
    }

    private void RemoveMember(string address)
    {
        if (_shownChat is null || _db.FindChat(_shownChat) is not { IsGroup: true } chat)
            return;
        _db.RemoveParticipant(chat, address);
        Log("member removed " + chat.Guid);
    }
}
