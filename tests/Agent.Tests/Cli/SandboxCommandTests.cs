using LineAgent.Agent.Cli;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using LineAgent.Agent.Cli.Commands;
using LineAgent.Agent.Sandbox;
using LineAgent.Agent.Tests.TestSupport;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Cli;

/// <summary>
/// `lineagent sandbox` end to end: the command starts the real host against fake-messages and a seeded fake chat.db,
/// a Grpc.Net.Client uses the printed token, and `sandbox inbound` plays the remote party.
/// </summary>
public sealed partial class SandboxCommandTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Sandbox_ServesThePrintedToken_SendsThroughTheSimulator_AndInboundIsReceived()
    {
        var banner = new BannerWriter();
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => new SandboxCommand(banner, stderr, _root.Path).RunAsync(["--port", "0"], stop.Token));
        var printed = await banner.Printed.Task.WaitAsync(HangGuard);
        var address = AddressLine().Match(printed).Groups[1].Value;
        var token = TokenLine().Match(printed).Groups[1].Value;
        var state = SandboxRegistry.Find(_root.Path, null, out var reason);
        Assert.True(state is not null, reason);

        using var channel = GrpcChannel.ForAddress(address);
        var client = new Proto.LineAgent.LineAgentClient(channel.CreateCallInvoker().Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return metadata;
        }));
        using var guard = new CancellationTokenSource(HangGuard);

        var line = await client.GetLineAsync(new Proto.GetLineRequest(), cancellationToken: guard.Token);
        var chats = await client.ListChatsAsync(new Proto.ListChatsRequest(), cancellationToken: guard.Token);
        var unauthenticated = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Proto.LineAgent.LineAgentClient(channel).GetLineAsync(new Proto.GetLineRequest(), cancellationToken: guard.Token));

        using var events = client.StreamEvents(new Proto.StreamEventsRequest { AfterCursor = 0 }, cancellationToken: guard.Token);
        var receipt = await client.SendMessageAsync(new Proto.SendMessageRequest
        {
            IdempotencyKey = "sandbox-test", To = SandboxEnvironment.SeedContact,
            Parts = { new Proto.OutgoingPart { Text = new Proto.TextPart { Text = "Hello from the sandbox test" } } },
        }, cancellationToken: guard.Token);
        var sent = await NextAsync(events, e => e.Type == "message.sent", guard.Token);
        var delivered = await NextAsync(events, e => e.Type == "message.delivered" && e.MessageGuid == sent.MessageGuid, guard.Token);

        var inboundOut = new StringWriter();
        var inboundExit = await new SandboxCommand(inboundOut, stderr, _root.Path)
            .RunAsync(["inbound", "--from", SandboxEnvironment.SeedContact, "--text", "Thanks, got it"], guard.Token);
        var received = await NextAsync(events, e => e.Type == "message.received", guard.Token);

        // The other side sends a file, then loves our message.
        var photo = _root.File("Café photo.jpg");
        await File.WriteAllBytesAsync(photo, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4]);
        var fileExit = await new SandboxCommand(new StringWriter(), stderr, _root.Path)
            .RunAsync(["inbound", "--from", SandboxEnvironment.SeedContact, "--file", photo, "--text", "look"], guard.Token);
        // The row may be seen before its attachment row: attachment.ready says the file is there.
        var withFile = await NextAsync(events, e => e.Type == "attachment.ready" && e.Message is { IsFromMe: false, Attachments.Count: > 0 }, guard.Token);
        var tapbackExit = await new SandboxCommand(new StringWriter(), stderr, _root.Path)
            .RunAsync(["inbound", "--from", SandboxEnvironment.SeedContact, "--react", "love", "--message", sent.MessageGuid], guard.Token);
        var reaction = await NextAsync(events, e => e.Type == "reaction.added", guard.Token);
        using var download = client.DownloadAttachment(new Proto.DownloadAttachmentRequest { AttachmentGuid = withFile.Message.Attachments[0].Guid },
            cancellationToken: guard.Token);
        var bytes = new List<byte>();
        await foreach (var piece in download.ResponseStream.ReadAllAsync(guard.Token))
            bytes.AddRange(piece.Chunk);

        // Stopping with the event stream still open: the stream ends (UNAVAILABLE, resume later) instead of holding
        // the shutdown for the host's 30 s timeout.
        stop.Cancel();
        var exit = await run.WaitAsync(HangGuard);
        var streamEnd = await Assert.ThrowsAsync<RpcException>(async () => await NextAsync(events, _ => false, guard.Token));

        Assert.Equal(Proto.Availability.Available, line.Health.ChatDbReadable.Availability);
        Assert.Contains(chats.Chats, c => c.DisplayName == "Weekend plans" && c.IsGroup);
        Assert.Contains(chats.Chats, c => c.Guid == "iMessage;-;" + SandboxEnvironment.SeedContact);
        Assert.Equal(StatusCode.Unauthenticated, unauthenticated.StatusCode);
        Assert.False(string.IsNullOrEmpty(receipt.SendId));
        Assert.Equal("Hello from the sandbox test", sent.Message.Text);
        Assert.True(sent.Message.IsFromMe);
        Assert.NotNull(delivered.Message.DateDelivered);
        Assert.Equal(0, inboundExit);
        Assert.Equal("Thanks, got it", received.Message.Text);
        Assert.Equal(SandboxEnvironment.SeedContact, received.Message.Sender);
        Assert.Contains(received.MessageGuid, inboundOut.ToString());
        Assert.Equal(0, fileExit);
        Assert.Equal("Café photo.jpg", Assert.Single(withFile.Message.Attachments).TransferName);
        Assert.Equal(await File.ReadAllBytesAsync(photo), bytes.ToArray());
        Assert.Equal(0, tapbackExit);
        Assert.Contains(sent.MessageGuid, reaction.DataJson); // the tapback is on our message
        Assert.Equal(0, exit);
        Assert.Equal(StatusCode.Unavailable, streamEnd.StatusCode);
        Assert.Empty(SandboxRegistry.Running(_root.Path));
        Assert.Empty(Directory.EnumerateFiles(SandboxRegistry.RecordsIn(_root.Path)));
        Assert.False(Directory.Exists(state!.Directory), "the sandbox directory must be deleted on exit");
        Assert.Contains("grpcurl -plaintext", printed);
        Assert.Contains("npx buf curl --protocol grpc --http2-prior-knowledge", printed);
        Assert.Single(Regex.Matches(printed, Regex.Escape(token))); // the commands read it from the file
        Assert.Contains($"sandbox (pid {Environment.ProcessId})", printed);
    }

    [Fact]
    public async Task Inbound_WithoutARunningSandbox_IsAClearError()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await new SandboxCommand(stdout, stderr, _root.Path).RunAsync(["inbound", "--from", "+15555550123", "--text", "hi"], CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("no sandbox is running", stderr.ToString());
        Assert.Contains("lineagent sandbox", stderr.ToString());
    }

    [Fact]
    public async Task Inbound_WhenTheRecordedSandboxIsGone_SaysNoneIsRunning()
    {
        // A pid that cannot be running: a process started and waited for.
        using var gone = System.Diagnostics.Process.Start("true")!;
        await gone.WaitForExitAsync();
        SandboxRegistry.Write(_root.Path, new SandboxState(gone.Id, _root.File("run-x"), _root.File("run-x/chat.db"), "http://127.0.0.1:1"));
        var stderr = new StringWriter();

        var exit = await new SandboxCommand(new StringWriter(), stderr, _root.Path).RunAsync(["inbound", "--from", "+15555550123", "--text", "hi"], CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("no sandbox is running", stderr.ToString());
        Assert.Empty(Directory.EnumerateFiles(SandboxRegistry.RecordsIn(_root.Path))); // the stale record is cleared
    }

    [Fact]
    public async Task PortInUse_IsAClearError_AndLeavesNothingBehind()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var stderr = new StringWriter();

        var exit = await new SandboxCommand(new StringWriter(), stderr, _root.Path)
            .RunAsync(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("cannot listen", stderr.ToString());
        Assert.Contains("--port", stderr.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root.Path));
    }

    [Fact]
    public void Registry_TwoSandboxes_HaveARecordEach_StoppingOneLeavesTheOther()
    {
        using var other = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "60"))!;
        try
        {
            var mine = Sandbox(Environment.ProcessId);
            var theirs = Sandbox(other.Id);

            Assert.Equal(2, SandboxRegistry.Running(_root.Path).Count);
            Assert.Null(SandboxRegistry.Find(_root.Path, null, out var ambiguous));
            Assert.Contains("pick one with --sandbox PID", ambiguous);
            Assert.Equal(theirs, SandboxRegistry.Find(_root.Path, other.Id, out _));

            SandboxRegistry.Remove(_root.Path, Environment.ProcessId, mine.Directory);

            Assert.Equal(theirs, SandboxRegistry.Find(_root.Path, null, out var reason));
            Assert.Null(reason);
        }
        finally
        {
            other.Kill();
        }
    }

    [Theory]
    [InlineData("555")]
    [InlineData("+1 555 555 0123")]
    [InlineData("someone@")]
    public async Task Inbound_HandleTheApiWouldRefuse_IsAUsageError(string from)
    {
        var stderr = new StringWriter();

        var exit = await new SandboxCommand(new StringWriter(), stderr, _root.Path)
            .RunAsync(["inbound", "--from", from, "--text", "hi"], CancellationToken.None, TextWriter.Null, stderr);

        Assert.Equal(2, exit);
        Assert.Contains("is neither an E.164 phone number", stderr.ToString());
    }

    private SandboxState Sandbox(int pid)
    {
        var directory = Directory.CreateDirectory(_root.File($"run-{pid}")).FullName;
        File.WriteAllText(Path.Combine(directory, "chat.db"), "");
        var state = new SandboxState(pid, directory, Path.Combine(directory, "chat.db"), "http://127.0.0.1:1");
        SandboxRegistry.Write(_root.Path, state);
        return state;
    }

    [Fact]
    public async Task Inbound_WithoutText_IsAUsageError()
    {
        Assert.Equal(2, await new SandboxCommand(new StringWriter(), new StringWriter(), _root.Path)
            .RunAsync(["inbound", "--from", "+15555550123"], CancellationToken.None));
    }

    private static async Task<Proto.Event> NextAsync(AsyncServerStreamingCall<Proto.StreamEventsResponse> call, Func<Proto.Event, bool> match, CancellationToken token)
    {
        while (await call.ResponseStream.MoveNext(token))
        {
            var item = call.ResponseStream.Current;
            if (item.ItemCase == Proto.StreamEventsResponse.ItemOneofCase.Event && match(item.Event))
                return item.Event;
        }
        throw new InvalidOperationException("The event stream ended before the expected event.");
    }

    [GeneratedRegex(@"listening\s+(http://\S+)")]
    private static partial Regex AddressLine();

    [GeneratedRegex(@"token\s+([0-9a-f]{40})")]
    private static partial Regex TokenLine();

    /// <summary>Captures stdout and completes once the banner (which ends with the Ctrl-C hint) is written.</summary>
    private sealed class BannerWriter : StringWriter
    {
        public TaskCompletionSource<string> Printed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains("Press Ctrl-C to stop.", StringComparison.Ordinal) == true)
                Printed.TrySetResult(ToString());
        }
    }
}
