using System.Text.Json.Nodes;

namespace LineAgent.Agent.MessagesApp.Accessibility.Remote;

/// <summary>An element of the simulator's tree, by the handle the server issued.</summary>
internal sealed class RemoteAxElement(RemoteAxChannel channel, int id) : IAxElement
{
    public int Id => id;

    public string? GetString(string attribute) => Tolerant(() => channel.Call("str", id, attribute)?.GetValue<string>());

    public bool? GetBool(string attribute) => Tolerant(() => channel.Call("bool", id, attribute)?.GetValue<bool>());

    public long? GetNumber(string attribute) => Tolerant(() => channel.Call("num", id, attribute)?.GetValue<long>());

    public AxRect? Frame => Tolerant(() => channel.Call("frame", id) is JsonObject r
        ? new AxRect(r["x"]!.GetValue<double>(), r["y"]!.GetValue<double>(), r["w"]!.GetValue<double>(), r["h"]!.GetValue<double>())
        : (AxRect?)null);

    public IReadOnlyList<IAxElement> GetElements(string attribute) =>
        Tolerant(() => Elements(channel, channel.Call("els", id, attribute))) ?? [];

    public IAxElement? GetElement(string attribute) =>
        Tolerant(() => channel.Call("el", id, attribute) is JsonValue v ? new RemoteAxElement(channel, v.GetValue<int>()) : null);

    public IReadOnlyList<string> ActionNames =>
        (channel.Call("actions", id) as JsonArray)?.Select(a => a!.GetValue<string>()).ToList() ?? [];

    public void PerformAction(string action) => channel.Call("perform", id, action);

    public void SetString(string attribute, string value) => channel.Call("set", id, attribute, JsonValue.Create(value));

    public void SetBool(string attribute, bool value) => channel.Call("set", id, attribute, JsonValue.Create(value));

    public bool IsSameAs(IAxElement other) => other is RemoteAxElement r && r.Id == id;

    internal static List<IAxElement> Elements(RemoteAxChannel channel, JsonNode? ids) =>
        (ids as JsonArray)?.Select(i => (IAxElement)new RemoteAxElement(channel, i!.GetValue<int>())).ToList() ?? [];

    /// <summary>NoValue and AttributeUnsupported read as "absent", as on the Mac.</summary>
    private static T? Tolerant<T>(Func<T?> read)
    {
        try
        {
            return read();
        }
        catch (AxException ex) when (ex.Error is AxError.NoValue or AxError.AttributeUnsupported)
        {
            return default;
        }
    }
}

/// <summary>The simulator's Messages, over its socket.</summary>
internal sealed class RemoteAxApplication(RemoteAxChannel channel) : IAxApplication
{
    public bool IsTrusted => channel.Call("trusted")?.GetValue<bool>() == true;

    public bool IsScreenLocked => channel.Call("locked")?.GetValue<bool>() == true;

    public IAxElement Root => new RemoteAxElement(channel, channel.Call("root")!.GetValue<int>());

    public IReadOnlyList<IAxElement> Windows =>
        RemoteAxElement.Elements(channel, channel.Call("windows")).Where(w => w.Role == AxNames.RoleWindow).ToList();

    public IAxElement? MenuBar => Root.GetElement(AxNames.MenuBar);

    public IAxElement? FocusedElement => Root.GetElement(AxNames.FocusedUIElement);

    public void OpenUrl(string url) => channel.Call("open", value: JsonValue.Create(url));

    public void PostReturn() => channel.Call("return");

    public void PostPaste() => channel.Call("paste");

    public IPasteboard Pasteboard { get; } = new RemotePasteboard(channel);

    public string? Localized(AxStringKey key) =>
        channel.Call("localized", name: key.Key, value: JsonValue.Create(key.Table))?.GetValue<string>();

    public void Dispose() => channel.Dispose();
}

/// <summary>The simulator's general pasteboard: items as [[{"t": type, "d": base64 data}, …], …].</summary>
internal sealed class RemotePasteboard(RemoteAxChannel channel) : IPasteboard
{
    public long ChangeCount => channel.Call("pb-count")!.GetValue<long>();

    public PasteboardContents? TrySave() => channel.Call("pb-read") is JsonArray items ? Decode(items) : null;

    public long WriteFileUrls(IReadOnlyList<string> paths) =>
        channel.Call("pb-files", value: new JsonArray(paths.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()))!.GetValue<long>();

    public void Restore(PasteboardContents saved) => channel.Call("pb-write", value: Encode(saved));

    /// <summary>The wire form of a pasteboard copy (shared with the simulator).</summary>
    public static JsonArray Encode(PasteboardContents contents) => new(contents.Items.Select(item => (JsonNode?)new JsonArray(
        item.Select(e => (JsonNode?)new JsonObject { ["t"] = e.Type, ["d"] = Convert.ToBase64String(e.Data) }).ToArray())).ToArray());

    public static PasteboardContents Decode(JsonArray items) => new(items.Select(item =>
        (IReadOnlyList<(string, byte[])>)((JsonArray)item!).Select(e => (e!["t"]!.GetValue<string>(), Convert.FromBase64String(e["d"]!.GetValue<string>()))).ToList()).ToList());
}

/// <summary>Connects to the simulator's socket (sandbox and tests only).</summary>
internal sealed class RemoteAxConnector(string socketPath) : IAxConnector
{
    public IAxApplication Connect()
    {
        try
        {
            return new RemoteAxApplication(new RemoteAxChannel(socketPath));
        }
        catch (System.Net.Sockets.SocketException)
        {
            throw AxFailures.Unavailable($"the simulated Messages at {socketPath} does not answer (is fake-messages ax-serve running?).");
        }
    }
}
