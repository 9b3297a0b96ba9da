using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace LineAgent.Agent.MessagesApp.Accessibility.Remote;

/// <summary>
/// One connection to the simulator's <c>fake-messages ax-serve --socket PATH</c>: a JSON object per line each way,
/// strictly request then response. Element handles are small integers the server issues; an error comes back as
/// <c>{"err":"InvalidUIElement"}</c> (AXError names) and is thrown as <see cref="AxException"/>.
/// Only the sandbox and the tests use this transport (MessagesDriver:AccessibilitySocket).
/// </summary>
internal sealed class RemoteAxChannel : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();

    public RemoteAxChannel(string socketPath)
    {
        _socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        {
            ReceiveTimeout = (int)ReplyTimeout.TotalMilliseconds,
            SendTimeout = (int)ReplyTimeout.TotalMilliseconds,
        };
        _socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        var stream = new NetworkStream(_socket, ownsSocket: false);
        _reader = new StreamReader(stream, new UTF8Encoding(false));
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    }

    /// <summary>Sends one request and returns its "v" value (null when the server answered with no value).</summary>
    public JsonNode? Call(string op, int? element = null, string? name = null, JsonNode? value = null)
    {
        var request = new JsonObject { ["op"] = op };
        if (element is { } el) request["el"] = el;
        if (name is not null) request["name"] = name;
        if (value is not null) request["value"] = value;
        string? line;
        lock (_lock)
        {
            try
            {
                _writer.WriteLine(request.ToJsonString());
                line = _reader.ReadLine();
            }
            catch (IOException)
            {
                throw new AxException(AxError.CannotComplete, op);
            }
        }
        if (line is null)
            throw new AxException(AxError.CannotComplete, op);
        var reply = JsonNode.Parse(line) as JsonObject ?? throw new AxException(AxError.Failure, op);
        if (reply["err"]?.GetValue<string>() is { } err)
            throw new AxException(Enum.TryParse<AxError>(err, out var e) ? e : AxError.Failure, op);
        return reply["v"];
    }

    public void Dispose()
    {
        _writer.Dispose();
        _reader.Dispose();
        _socket.Dispose();
    }
}
