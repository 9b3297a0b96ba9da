using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace LineAgent.FakeMessages.Ax;

/// <summary>
/// Serves a <see cref="FakeMessagesUi"/> over a Unix domain socket, one JSON object per line each way (the agent's
/// RemoteAx* classes are the client). Element handles are integers bound to a tree path: a handle whose path is gone
/// answers InvalidUIElement; after a scroll the same handle names the row that now sits there.
/// Requests: {"op":…, "el":id?, "name":attr/action?, "value":…?}; replies {"v":…} or {"err":"&lt;AXError name&gt;"}.
/// </summary>
public sealed class AxServer : IAsyncDisposable
{
    private readonly FakeMessagesUi _ui;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _paths = [];
    private readonly Task _accepting;

    private AxServer(FakeMessagesUi ui, string socketPath)
    {
        _ui = ui;
        SocketPath = socketPath;
        if (File.Exists(socketPath))
            File.Delete(socketPath);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(8);
        _accepting = AcceptAsync();
    }

    public string SocketPath { get; }

    public FakeMessagesUi Ui => _ui;

    /// <summary>Starts serving <paramref name="ui"/> at <paramref name="socketPath"/> (replacing a stale socket file).</summary>
    public static AxServer Start(FakeMessagesUi ui, string socketPath) => new(ui, socketPath);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        if (File.Exists(SocketPath))
            File.Delete(SocketPath);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        await using (var stream = new NetworkStream(client, ownsSocket: false))
        using (var reader = new StreamReader(stream, new UTF8Encoding(false)))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" })
        {
            try
            {
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                    await writer.WriteLineAsync(Handle(line));
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The agent went away or the server stops.
            }
        }
    }

    /// <summary>Answers one request line (never throws: malformed requests get {"err":"IllegalArgument"}).</summary>
    public string Handle(string line)
    {
        JsonObject request;
        try
        {
            request = JsonNode.Parse(line) as JsonObject ?? throw new FormatException();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException)
        {
            return Error("IllegalArgument");
        }
        lock (_ui.Sync)
        {
            try
            {
                return Reply(Dispatch(request));
            }
            catch (AxFault fault)
            {
                return Error(fault.Error);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or KeyNotFoundException)
            {
                return Error("IllegalArgument");
            }
            catch (Exception ex)
            {
                // A bug in the fake must show, not hang the client: Failure, and the reason in the event log.
                _ui.Events.Add("server error: " + ex);
                return Error("Failure");
            }
        }
    }

    private JsonNode? Dispatch(JsonObject request)
    {
        var op = request["op"]?.GetValue<string>() ?? throw new AxFault("IllegalArgument");
        var name = request["name"]?.GetValue<string>();
        var faults = _ui.Faults;
        switch (op)
        {
            case "trusted":
                return !_ui.Untrusted;
            case "locked":
                return faults.Locked;
            case "localized":
                return _ui.Localized(name ?? "");
            // The pasteboard needs no Accessibility grant (only posting the paste does).
            case "pb-count":
                return _ui.PasteboardChangeCount;
            case "pb-read":
                return _ui.ReadPasteboard() is { } items ? EncodePasteboard(items) : null;
            case "pb-files":
                return _ui.WriteFileUrls(((request["value"] as JsonArray) ?? throw new AxFault("IllegalArgument")).Select(p => p!.GetValue<string>()).ToList());
            case "pb-write":
                _ui.WritePasteboard(DecodePasteboard((request["value"] as JsonArray) ?? throw new AxFault("IllegalArgument")));
                return null;
        }
        if (_ui.Untrusted)
            throw new AxFault("APIDisabled");
        var tree = _ui.Tree();
        switch (op)
        {
            case "root":
                return Id("app");
            case "windows":
                return Ids(_ui.WindowPaths().Where(tree.ContainsKey));
            case "open":
                _ui.OpenUrl(request["value"]!.GetValue<string>());
                return null;
            case "return":
                _ui.PostReturn();
                return null;
            case "keys":
                _ui.PostKeys(request["value"]!.GetValue<string>());
                return null;
            case "paste":
                _ui.PostPaste();
                return null;
        }
        var element = Element(tree, request["el"]?.GetValue<int>() ?? throw new AxFault("IllegalArgument"));
        // A refused tree (CO §4): the pseudo-element still says it is an AXApplication; nothing else reads.
        if (element.Unreadable && !(op == "str" && name == "AXRole"))
            throw new AxFault("AttributeUnsupported");
        switch (op)
        {
            case "str":
                return Str(element, name);
            case "bool":
                return Bool(element, name);
            case "num":
                return name == "AXNumberOfCharacters" ? (element.Value ?? "").Length : throw new AxFault("AttributeUnsupported");
            case "frame":
                return element.Frame is { } f ? new JsonObject { ["x"] = f.X, ["y"] = f.Y, ["w"] = f.W, ["h"] = f.H } : throw new AxFault("NoValue");
            case "els":
                return name switch
                {
                    "AXChildren" => Ids(element.Children.Select(c => c.Path)),
                    "AXSelectedChildren" => Ids(element.SelectedChildren.Select(c => c.Path)),
                    "AXWindows" when element.Path == "app" => Ids(_ui.WindowPaths().Where(tree.ContainsKey)),
                    _ => throw new AxFault("AttributeUnsupported"),
                };
            case "el":
                if (element.Path != "app")
                    throw new AxFault("AttributeUnsupported");
                return name switch
                {
                    "AXFocusedUIElement" => _ui.FocusedPath() is { } p && tree.ContainsKey(p) ? Id(p) : throw new AxFault("NoValue"),
                    "AXMainWindow" or "AXFocusedWindow" => _ui.WindowPaths().FirstOrDefault(tree.ContainsKey) is { } w ? Id(w) : throw new AxFault("NoValue"),
                    "AXMenuBar" => Id("app/menubar"),
                    _ => throw new AxFault("AttributeUnsupported"),
                };
            case "actions":
                return new JsonArray(element.Actions.Select(a => (JsonNode?)JsonValue.Create(a.Name)).ToArray());
            case "perform":
                var action = element.Actions.FirstOrDefault(a => a.Name == name);
                if (action.Run is null)
                    throw new AxFault("ActionUnsupported");
                _ui.Events.Add("perform " + (name ?? "").Split('\n')[0] + " on " + element.Path);
                action.Run();
                _ui.Changed();
                if (faults.CannotCompleteOn is { } on && element.Path.Contains(on, StringComparison.Ordinal))
                {
                    faults.CannotCompleteOn = null;
                    throw new AxFault("CannotComplete");   // the effect above is applied all the same (Apple's discussion)
                }
                return null;
            case "set":
                var value = request["value"] ?? throw new AxFault("IllegalArgument");
                switch (name)
                {
                    case "AXValue" when element.OnSetValue is { } set:
                        set(value.GetValue<string>());
                        break;
                    case "AXFocused" when element.OnSetFocused is { } focus:
                        focus(value.GetValue<bool>());
                        break;
                    default:
                        throw new AxFault("AttributeUnsupported");
                }
                _ui.Changed();
                return null;
            default:
                throw new AxFault("IllegalArgument");
        }
    }

    private static JsonArray EncodePasteboard(List<List<(string Type, byte[] Data)>> items) => new(items.Select(item => (JsonNode?)new JsonArray(
        item.Select(e => (JsonNode?)new JsonObject { ["t"] = e.Type, ["d"] = Convert.ToBase64String(e.Data) }).ToArray())).ToArray());

    private static List<List<(string Type, byte[] Data)>> DecodePasteboard(JsonArray items) => items.Select(item =>
        ((JsonArray)item!).Select(e => (e!["t"]!.GetValue<string>(), Convert.FromBase64String(e["d"]!.GetValue<string>()))).ToList()).ToList();

    private static JsonNode? Str(FakeElement e, string? name)
    {
        var value = name switch
        {
            "AXRole" => e.Role,
            "AXSubrole" => e.Subrole,
            "AXIdentifier" => e.Identifier,
            "AXDescription" => e.Description,
            "AXTitle" => e.Title,
            "AXValue" => e.Value,
            "AXPlaceholderValue" => e.Placeholder,
            _ => throw new AxFault("AttributeUnsupported"),
        };
        return value ?? throw new AxFault("NoValue");
    }

    private static JsonNode? Bool(FakeElement e, string? name)
    {
        var value = name switch
        {
            "AXSelected" => e.Selected,
            "AXFocused" => e.Focused,
            "AXEnabled" => e.Enabled ?? true,
            _ => throw new AxFault("AttributeUnsupported"),
        };
        if (name == "AXSelected" && value == true)
            e.OnSelectedRead?.Invoke();
        return value ?? throw new AxFault("NoValue");
    }

    private FakeElement Element(Dictionary<string, FakeElement> tree, int id) =>
        id >= 0 && id < _paths.Count && tree.TryGetValue(_paths[id], out var e) ? e : throw new AxFault("InvalidUIElement");

    private int Id(string path)
    {
        if (!_ids.TryGetValue(path, out var id))
        {
            id = _paths.Count;
            _paths.Add(path);
            _ids[path] = id;
        }
        return id;
    }

    private JsonArray Ids(IEnumerable<string> paths) => new(paths.Select(p => (JsonNode?)JsonValue.Create(Id(p))).ToArray());

    private static string Reply(JsonNode? value) => new JsonObject { ["v"] = value }.ToJsonString();

    private static string Error(string error) => new JsonObject { ["err"] = error }.ToJsonString();

    private sealed class AxFault(string error) : Exception(error)
    {
        public string Error { get; } = error;
    }
}
