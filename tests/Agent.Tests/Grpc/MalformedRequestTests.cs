using Grpc.Core;
using LineAgent.Agent.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Tests.Grpc;

/// <summary>
/// Request bytes no protobuf encoder would write, sent through Grpc.Net.Client with an identity marshaller: they
/// must be refused with INVALID_ARGUMENT, quietly, whoever sends them.
/// </summary>
public sealed class MalformedRequestTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static Method<byte[], byte[]> RawMethod(MethodType type, string name) => new(type, "lineagent.v1.LineAgent", name, Raw, Raw);

    // Field 1 (length-delimited) claims 100 bytes and carries 2.
    private static readonly byte[] Truncated = [0x0A, 0x64, 0x41, 0x42];

    // Field 1 (a string) = 0xC3 0x28: not UTF-8.
    private static readonly byte[] InvalidUtf8 = [0x0A, 0x02, 0xC3, 0x28];

    // A varint that never ends.
    private static readonly byte[] EndlessVarint = [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    // Field number 0 is invalid.
    private static readonly byte[] FieldZero = [0x00, 0x01];

    public static TheoryData<string, byte[], bool> Cases()
    {
        var data = new TheoryData<string, byte[], bool>();
        foreach (var authenticated in new[] { true, false })
        {
            data.Add("GetMessage", InvalidUtf8, authenticated);
            data.Add("GetMessage", Truncated, authenticated);
            data.Add("ListChats", EndlessVarint, authenticated);
            data.Add("SendMessage", InvalidUtf8, authenticated);
            data.Add("GetLine", FieldZero, authenticated);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Unary_MalformedOrInvalidUtf8_IsInvalidArgument(string method, byte[] body, bool authenticated)
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        var invoker = server.Invoker(authenticated ? AgentTestServer.Token : null);
        var ex = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(RawMethod(MethodType.Unary, method), null, new CallOptions(), body).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("not a valid", ex.Status.Detail);
    }

    [Fact]
    public async Task Streaming_MalformedRequests_AreInvalidArgument()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        var invoker = server.Invoker(AgentTestServer.Token);

        using var events = invoker.AsyncServerStreamingCall(RawMethod(MethodType.ServerStreaming, "StreamEvents"), null, new CallOptions(), Truncated);
        var stream = await Assert.ThrowsAsync<RpcException>(() => events.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, stream.StatusCode);

        using var upload = invoker.AsyncClientStreamingCall(RawMethod(MethodType.ClientStreaming, "UploadAttachment"), null, new CallOptions());
        try
        {
            await upload.RequestStream.WriteAsync(EndlessVarint);
            await upload.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server may end the call before the client finished writing; the status is below.
        }
        var uploaded = await Assert.ThrowsAsync<RpcException>(() => upload.ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, uploaded.StatusCode);
    }

    [Fact]
    public async Task ManyMalformedRequests_AreLoggedOnceAsAWarningWithoutStackTraces()
    {
        var logs = new ListLoggerProvider();
        await using var server = await AgentTestServer.StartAsync(_dir, configure: b => b.Logging.AddProvider(logs));
        var invoker = server.Invoker(token: null);
        for (var i = 0; i < 50; i++)
        {
            var ex = await Assert.ThrowsAsync<RpcException>(() =>
                invoker.AsyncUnaryCall(RawMethod(MethodType.Unary, "GetMessage"), null, new CallOptions(), i % 2 == 0 ? InvalidUtf8 : Truncated).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        }

        var entries = logs.Logger.Entries.ToList();
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(entries, e => e.Exception is not null && e.Level >= LogLevel.Information);
        var warning = Assert.Single(entries, e => e.EventId.Name == "MalformedRequests");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("/lineagent.v1.LineAgent/GetMessage", warning.Message);
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public ListLogger Logger { get; } = new();
        public ILogger CreateLogger(string categoryName) => Logger;
        public void Dispose() { }
    }
}
