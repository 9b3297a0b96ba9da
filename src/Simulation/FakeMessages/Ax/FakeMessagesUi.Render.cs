using LineAgent.FakeChatDb;

namespace LineAgent.FakeMessages.Ax;

public sealed partial class FakeMessagesUi
{
    private static readonly string[] PickerIds = ["heart", "thumbsUp", "thumbsDown", "ha", "exclamation", "questionMark"];
    private static readonly string[] KindKeys =
    [
        "acknowledgment.type.heart", "acknowledgment.type.thumbs.up", "acknowledgment.type.thumbs.down",
        "acknowledgment.type.ha", "acknowledgment.type.exclamation", "acknowledgment.type.question.mark",
    ];

    private (long Generation, long DataVersion, bool Picker, Dictionary<string, FakeElement> Map)? _rendered;

    /// <summary>The current tree by path (re-rendered when the state or chat.db changed). Call under the lock.</summary>
    internal Dictionary<string, FakeElement> Tree()
    {
        Tick();
        var dataVersion = Convert.ToInt64(_db.Scalar("PRAGMA data_version"));
        if (_rendered is { } r && r.Generation == _generation && r.DataVersion == dataVersion && r.Picker == PickerVisible)
            return r.Map;
        var map = new Dictionary<string, FakeElement>(StringComparer.Ordinal);
        foreach (var e in Render().SelfAndDescendants())
            map[e.Path] = e;
        _rendered = (_generation, dataVersion, PickerVisible, map);
        return map;
    }

    internal Lock Sync => _sync;

    /// <summary>AXIsProcessTrusted() as this fake answers it: the fault, or the simulator config's AccessibilityDenied.</summary>
    internal bool Untrusted => Faults.Untrusted || (File.Exists(_configPath) && SimConfig.Load(_configPath).AccessibilityDenied);

    internal void Changed() => Touch();

    /// <summary>The localised string Messages' tables hold for <paramref name="key"/> in this locale and version.</summary>
    internal string? Localized(string key) => Faults.NoLocalisedStrings ? null : AxLocalisation.Lookup(Locale, Version, key);

    private string L(string key) => AxLocalisation.Lookup(Locale, Version, key) ?? key;

    /// <summary>The windows AXWindows lists: the app itself when locked or stale (CO §4, blip), none without a window.</summary>
    internal IEnumerable<string> WindowPaths() =>
        Faults.Locked || Faults.StaleGrant ? ["app/self"] : Faults.NoWindow ? [] : ["app/w"];

    internal string? FocusedPath() => _focus switch
    {
        Focus.Compose => "app/w/c/0/compose",
        Focus.Search => "app/w/c/0/side/search",
        Focus.AddMemberField => "app/w/c/0/details/field",
        _ => null,
    };

    private FakeElement Render()
    {
        var app = new FakeElement("app", "AXApplication") { Title = "Messages" };
        var menuBar = new FakeElement("app/menubar", "AXMenuBar");
        if (Faults.Locked || Faults.StaleGrant)
        {
            // The tree the AX server hands out when it refuses: the application as its own child, nothing readable.
            app.Add(new FakeElement("app/self", "AXApplication") { Unreadable = true });
            app.Add(menuBar);
            return app;
        }
        if (!Faults.NoWindow)
            app.Add(Window());
        app.Add(menuBar);
        return app;
    }

    private FakeElement Window()
    {
        var chat = _shownChat is null ? null : Chat(_shownChat);
        var name = chat is not null ? ChatName(chat) : _composeTo is { Count: > 0 } to ? string.Join(" & ", to.Select(Display)) : "New Message";
        var window = new FakeElement("app/w", "AXWindow") { Title = _composeTo is not null ? "New Message" : name };
        if (Version >= MacVersion.V26)
        {
            window.Identifier = "SceneWindow";
            window.Description = name;
        }
        var content = window.Add(new FakeElement("app/w/c", "AXGroup") { Subrole = "iOSContentGroup" });
        var legacyPicker = Version <= MacVersion.V14 && PickerVisible;
        if (legacyPicker)
            content.Add(LegacyPicker());    // while the picker is up the content group's first child is the picker (Beeper reactionsView)
        var main = content.Add(new FakeElement("app/w/c/0", "AXGroup"));
        if (!Faults.UnexpectedShape)
        {
            var addresses = chat is not null ? Participants(chat) : _composeTo ?? [];
            main.Add(new FakeElement("app/w/c/0/to", "AXPopUpButton") { Description = string.Join(", ", addresses.Select(Display)) });
        }
        if (Version >= MacVersion.V26 && chat is not null)
            main.Add(new FakeElement("app/w/c/0/title", "AXButton") { Identifier = "ConversationTitle", Description = name }
                .Action("AXPress", () => _detailsOpen = chat.IsGroup));
        main.Add(Sidebar());
        main.Add(Transcript(chat));
        if (_overlayMessage is { } overlay)
            main.Add(ReplyOverlay(overlay));
        if (!Faults.UnexpectedShape)
            main.Add(Compose(chat));
        if (PickerVisible && !legacyPicker)
            main.Add(Picker());
        if (_detailsOpen && chat is { IsGroup: true })
            main.Add(Details(chat));
        if (Editor() is { } editor)
            main.Add(editor);
        return window;
    }

    private bool PickerVisible => _picker is { } p && Now >= p.At;

    private FakeElement Sidebar()
    {
        var side = new FakeElement("app/w/c/0/side", "AXGroup") { Identifier = "CKConversationListCollectionView" };
        side.Add(new FakeElement("app/w/c/0/side/search", "AXTextField") { Subrole = "AXSearchField", Focused = _focus == Focus.Search, Value = _searchValue.Length == 0 ? null : _searchValue }
            .Action("AXCancel", () => _focus = Focus.None));
        var list = side.Add(new FakeElement("app/w/c/0/side/list", "AXGroup") { Identifier = "ConversationList" });
        var i = 0;
        foreach (var c in Chats())
        {
            var cell = list.Add(new FakeElement($"app/w/c/0/side/list/{i++}", "AXGroup") { Description = ChatName(c), Selected = c.Guid == _shownChat });
            var guid = c.Guid;
            cell.Action("AXPress", () => Show(guid));
            AddThreadActions(cell, guid);
            if (c.Guid == _shownChat)
                list.SelectedChildren.Add(cell);
        }
        return side;
    }

    private FakeElement Transcript(ChatRow? chat)
    {
        var transcript = new FakeElement("app/w/c/0/tr", "AXGroup") { Identifier = "TranscriptCollectionView", Description = "Messages" };
        if (chat is null)
            return transcript;
        var all = Messages(chat.Guid);
        var end = Math.Max(0, all.Count - _scroll);
        var start = Math.Max(0, end - Faults.ViewportRows);
        for (var i = start; i < end; i++)
            transcript.Add(Bubble($"app/w/c/0/tr/{i - start}", all[i], i - start, chat));
        transcript.Action("AXScrollUpByPage", () => _scroll = Math.Min(Math.Max(0, all.Count - Faults.ViewportRows), _scroll + Faults.ViewportRows))
            .Action("AXScrollDownByPage", () => _scroll = Math.Max(0, _scroll - Faults.ViewportRows));
        return transcript;
    }

    /// <summary>A container cell with its message cell (children[0]) and balloon text, addressed by its row position.</summary>
    private FakeElement Bubble(string path, MessageRow message, int row, ChatRow chat)
    {
        var container = new FakeElement(path, "AXGroup")
        {
            // 26 describes containers ("<Sender>, <body>, <time>", HG); before 26 they are empty (Beeper's old test).
            Description = Version >= MacVersion.V26
                ? (message.FromMe ? $"Your {(chat.Service == "SMS" ? "SMS" : "iMessage")}, {message.Text}, 9:41 AM" : $"{Display(message.Sender)}, {message.Text}, 9:41 AM")
                : "",
        };
        var guid = message.Guid;
        var cell = container.Add(new FakeElement(path + "/m", "AXGroup")
        {
            Identifier = Version >= MacVersion.V26 ? "Sticker" : null,
            Selected = guid == _selectedMessage,
            Frame = (320, 80 + row * 56, 420, 48),
            OnSelectedRead = guid == _selectedMessage ? ScrollFault : null,
        });
        cell.Action("AXPress", () => _selectedMessage = guid)
            .Action("AXScrollToVisible", () => { })
            .Action("AXShowMenu", () => { })
            .Action("AXCancel", () => _selectedMessage = null)
            .Action(FakeElement.Custom(L("acknowledgments.action.title")), () => OpenPicker(guid))
            .Action(FakeElement.Custom(L("balloon.message.reply")), () => _overlayMessage = guid)
            .Action(FakeElement.Custom("Copy"), () => { });
        AddOwnMessageActions(cell, message);
        if (Version >= MacVersion.V26)
        {
            // 26.6: each balloon offers the six tapbacks by name (blip #69).
            for (var k = 0; k < 6; k++)
            {
                var kind = (TapbackKind)k;
                cell.Action(FakeElement.Custom(L(KindKeys[k])), () => ToggleTapback(guid, kind));
            }
        }
        cell.Add(new FakeElement(path + "/m/t", "AXTextArea") { Identifier = "CKBalloonTextView", Value = message.Text });
        return container;
    }

    private FakeElement ReplyOverlay(string rootGuid)
    {
        var overlay = new FakeElement("app/w/c/0/reply", "AXGroup") { Identifier = "TranscriptCollectionView", Description = L("group.reply.collection") };
        overlay.Action("AXCancel", () =>
        {
            if (!Faults.OverlayStuck)
                _overlayMessage = null;
        });
        var text = _db.Scalar("SELECT COALESCE(text, '') FROM message WHERE guid = $g", ("$g", rootGuid)) as string ?? "";
        var container = overlay.Add(new FakeElement("app/w/c/0/reply/0", "AXGroup") { Description = "" });
        container.Add(new FakeElement("app/w/c/0/reply/0/m", "AXGroup") { Frame = (320, 200, 420, 48) })
            .Add(new FakeElement("app/w/c/0/reply/0/m/t", "AXTextArea") { Identifier = "CKBalloonTextView", Value = text });
        return overlay;
    }

    private FakeElement Compose(ChatRow? chat)
    {
        var draft = ComposeValue(DraftKey);
        var placeholder = _overlayMessage is not null ? L("balloon.message.reply")
            : chat?.Service == "SMS" ? L("TEXT_MESSAGE") : L("MADRID");
        var compose = new FakeElement("app/w/c/0/compose", "AXTextArea")
        {
            Identifier = "messageBodyField",
            Value = draft.Length == 0 ? null : draft,     // an empty field answers NoValue (Beeper b7901af)
            Placeholder = placeholder,
            Focused = _focus == Focus.Compose,
            OnSetValue = SetComposeValue,
            OnSetFocused = on => _focus = on ? (Faults.FocusStolen ? Focus.Search : Focus.Compose) : Focus.None,
        };
        // Pressing the compose field clears the message selection (blip's delete helper relies on this).
        return compose.Action("AXPress", () =>
        {
            _selectedMessage = null;
            _focus = Faults.FocusStolen ? Focus.Search : Focus.Compose;
        });
    }

    /// <summary>15+: TapbackPickerCollectionView with identified buttons whose AXSelected shows this account's tapback.</summary>
    private FakeElement Picker()
    {
        var guid = _picker!.Value.Guid;
        var current = CurrentTapback(guid);
        var picker = new FakeElement("app/w/c/0/picker", "AXGroup") { Identifier = "TapbackPickerCollectionView" };
        picker.Action("AXCancel", () => _picker = null);
        for (var k = 0; k < 6; k++)
        {
            var kind = (TapbackKind)k;
            picker.Add(new FakeElement($"app/w/c/0/picker/{PickerIds[k]}", "AXButton")
            {
                Identifier = PickerIds[k], Description = L(KindKeys[k]), Selected = current == kind,
            }.Action("AXPress", () => ToggleTapback(guid, kind)));
        }
        for (var s = 0; s < 3; s++)
            picker.Add(new FakeElement($"app/w/c/0/picker/sticker{s}", "AXGroup") { Identifier = "Sticker" });
        picker.Add(new FakeElement("app/w/c/0/picker/custom", "AXButton") { Description = "Add custom emoji reaction" });
        return picker;
    }

    /// <summary>11–14: eight buttons (six tapbacks, Reply, Pin) in the content group's first child.</summary>
    private FakeElement LegacyPicker()
    {
        var guid = _picker!.Value.Guid;
        var current = CurrentTapback(guid);
        var picker = new FakeElement("app/w/c/lp", "AXGroup");
        picker.Action("AXCancel", () => _picker = null);
        for (var k = 0; k < 6; k++)
        {
            var kind = (TapbackKind)k;
            picker.Add(new FakeElement($"app/w/c/lp/{k}", "AXButton") { Description = L(KindKeys[k]), Selected = current == kind }
                .Action("AXPress", () => ToggleTapback(guid, kind)));
        }
        picker.Add(new FakeElement("app/w/c/lp/6", "AXButton") { Description = L("balloon.message.reply") });
        picker.Add(new FakeElement("app/w/c/lp/7", "AXButton") { Description = "Pin" });
        return picker;
    }

    /// <summary>The 26 Details view as this fake models it (no public evidence of the real path: see the driver's "unproven").</summary>
    private FakeElement Details(ChatRow chat)
    {
        var details = new FakeElement("app/w/c/0/details", "AXGroup") { Identifier = "CKDetailsView" };
        details.Action("AXCancel", () => { _detailsOpen = false; _addFieldOpen = false; });
        var list = details.Add(new FakeElement("app/w/c/0/details/members", "AXGroup") { Identifier = "CKDetailsMemberList" });
        var i = 0;
        foreach (var member in Participants(chat))
        {
            var address = member;
            list.Add(new FakeElement($"app/w/c/0/details/members/{i++}", "AXGroup") { Description = Display(member) }
                .Action(FakeElement.Custom(L("REMOVE_MEMBER")), () => RemoveMember(address)));
        }
        AddNameField(details, chat);
        details.Add(new FakeElement("app/w/c/0/details/add", "AXButton") { Description = L("ADD_MEMBER") }
            .Action("AXPress", () => { _addFieldOpen = true; _addValue = ""; }));
        if (_addFieldOpen)
            details.Add(new FakeElement("app/w/c/0/details/field", "AXTextField")
            {
                Identifier = "CKDetailsAddMemberField", Value = _addValue.Length == 0 ? null : _addValue, Focused = _focus == Focus.AddMemberField,
                OnSetValue = v => _addValue = v, OnSetFocused = on => _focus = on ? Focus.AddMemberField : Focus.None,
            }.Action("AXConfirm", () => AddMember(_addValue)));
        return details;
    }
}
