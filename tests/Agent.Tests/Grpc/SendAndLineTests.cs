using Grpc.Core;
using LineAgent.Agent.Grpc;
using LineAgent.Agent.Grpc.Errors;
using LineAgent.Agent.Line;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using LineAgent.Protocol.V1;
using Microsoft.Extensions.DependencyInjection;

namespace LineAgent.Agent.Tests.Grpc;

public sealed class SendAndLineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static SendMessageRequest Text(string key = "key-1", string to = "+15550001111", string text = "hello") =>
        new() { IdempotencyKey = key, To = to, Parts = { new OutgoingPart { Text = new TextPart { Text = text } } } };

    public static TheoryData<string, Func<LineAgent.Protocol.V1.LineAgent.LineAgentClient, Task>> InvalidRequests => new()
    {
        { "idempotency_key:", c => c.SendMessageAsync(Text(key: "")).ResponseAsync },
        { "idempotency_key:", c => c.SendMessageAsync(Text(key: "has space")).ResponseAsync },
        { "to:", c => c.SendMessageAsync(Text(to: "5550001111")).ResponseAsync },
        { "target:", c => c.SendMessageAsync(new SendMessageRequest { IdempotencyKey = "k", Parts = { new OutgoingPart { Text = new TextPart { Text = "x" } } } }).ResponseAsync },
        { "parts:", c => c.SendMessageAsync(new SendMessageRequest { IdempotencyKey = "k", To = "a@b.co" }).ResponseAsync },
        { "parts[0].text.text:", c => c.SendMessageAsync(Text(text: "   ")).ResponseAsync },
        { "parts[1].rich_link.url:", c => c.SendMessageAsync(new SendMessageRequest { IdempotencyKey = "k", ChatGuid = "iMessage;-;+15550001111",
            Parts = { new OutgoingPart { Text = new TextPart { Text = "see" } }, new OutgoingPart { RichLink = new RichLinkPart { Url = "javascript:alert(1)" } } } }).ResponseAsync },
        { "parts[0].media.attachment_id:", c => c.SendMessageAsync(new SendMessageRequest { IdempotencyKey = "k", To = "a@b.co",
            Parts = { new OutgoingPart { Media = new MediaPart { AttachmentId = "../../etc/passwd" } } } }).ResponseAsync },
        { "parallel_attachments:", c => c.SendMessageAsync(new SendMessageRequest { IdempotencyKey = "k", To = "a@b.co", ParallelAttachments = true,
            Parts = { new OutgoingPart { Text = new TextPart { Text = "x" } } } }).ResponseAsync },
        { "latitude:", c => c.SendLocationAsync(new SendLocationRequest { IdempotencyKey = "k", To = "a@b.co", Latitude = 91, Longitude = 2 }).ResponseAsync },
        { "reaction:", c => c.ReactAsync(new ReactRequest { IdempotencyKey = "k", MessageGuid = "ABC" }).ResponseAsync },
        { "chat_guid:", c => c.SetTypingAsync(new SetTypingRequest { IdempotencyKey = "k", ChatGuid = "nope" }).ResponseAsync },
        { "recipients:", c => c.CreateChatAsync(new CreateChatRequest { IdempotencyKey = "k", Recipients = { "+15550001111" }, Text = "hi" }).ResponseAsync },
        { "recipients[1]:", c => c.CreateChatAsync(new CreateChatRequest { IdempotencyKey = "k", Recipients = { "+15550001111", "+15550001111" }, Text = "hi" }).ResponseAsync },
        { "chat_guid:", c => c.AddParticipantAsync(new AddParticipantRequest { IdempotencyKey = "k", ChatGuid = "iMessage;-;+15550001111", Handle = "a@b.co" }).ResponseAsync },
        { "handle:", c => c.RemoveParticipantAsync(new RemoveParticipantRequest { IdempotencyKey = "k", ChatGuid = "iMessage;+;chat1", Handle = "x" }).ResponseAsync },
        { "key:", c => c.GetSendAsync(new GetSendRequest()).ResponseAsync },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task SendRpcs_InvalidInput_FailInvalidArgumentNamingTheField(string fieldPrefix, Func<LineAgent.Protocol.V1.LineAgent.LineAgentClient, Task> call)
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        var ex = await Assert.ThrowsAsync<RpcException>(() => call(server.Client));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith(fieldPrefix, ex.Status.Detail);
    }

    [Fact]
    public async Task SendMessage_Valid_IsAcceptedByTheSendingComponent()
    {
        // The outbox's own tests live in Outbox/SendRpcTests.
        await using var server = await AgentTestServer.StartAsync(_dir);
        var receipt = await server.Client.SendMessageAsync(Text());
        Assert.False(string.IsNullOrEmpty(receipt.SendId));
        Assert.False(receipt.Replayed);
        Assert.Equal(receipt.SendId, (await server.Client.GetSendAsync(new GetSendRequest { SendId = receipt.SendId })).SendId);
    }

    [Fact]
    public async Task SendMessage_MediaIdThatWasNeverUploaded_IsNotFound()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.SendMessageAsync(new SendMessageRequest
        {
            IdempotencyKey = "k", To = "a@b.co",
            Parts = { new OutgoingPart { Media = new MediaPart { AttachmentId = "att_" + new string('0', 32) } } },
        }));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.StartsWith("parts[0].media.attachment_id:", ex.Status.Detail);
    }

    [Fact]
    public async Task ComponentExceptions_BecomeConsistentStatuses()
    {
        var thrower = new ThrowingLineStatus();
        await using var server = await AgentTestServer.StartAsync(_dir, configure: b => b.Services.AddSingleton<ILineStatusProvider>(thrower));
        async Task<RpcException> Call(Exception next)
        {
            thrower.Next = next;
            return await Assert.ThrowsAsync<RpcException>(async () => await server.Client.GetLineAsync(new GetLineRequest()));
        }

        var limited = await Call(new RateLimitedException("Pacing: 15 new contacts per hour reached.", TimeSpan.FromSeconds(90.2)));
        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);
        Assert.Equal("91", limited.Trailers.GetValue("retry-after"));

        var precondition = await Call(new PreconditionFailedException("Messages may not be controlled by the agent (-1743).",
            "System Settings › Privacy & Security › Automation: allow lineagent to control Messages."));
        Assert.Equal(StatusCode.FailedPrecondition, precondition.StatusCode);
        Assert.Contains("To fix: System Settings", precondition.Status.Detail);

        Assert.Equal(StatusCode.Unavailable, (await Call(new ServiceUnavailableException("Messages is not running (-600)."))).StatusCode);

        // The outbox's own exceptions (it knows no gRPC) map the same way.
        var pacing = await Call(new PacingRejectedException("This line already has 1000 sends waiting.", TimeSpan.FromSeconds(2.5)));
        Assert.Equal(StatusCode.ResourceExhausted, pacing.StatusCode);
        Assert.Equal("3", pacing.Trailers.GetValue("retry-after"));
        var conflict = await Call(new IdempotencyConflictException("k1"));
        Assert.Equal(StatusCode.FailedPrecondition, conflict.StatusCode);
        Assert.Equal("Idempotency key 'k1' was already used for a different request; use a new key for a new send. "
            + "To fix: use a new idempotency key for a different request.", conflict.Status.Detail);
        var capability = await Call(new CapabilityUnavailableException("Tapbacks", "Accessibility is not granted."));
        Assert.Equal(StatusCode.FailedPrecondition, capability.StatusCode);
        Assert.StartsWith("This line cannot do Tapbacks right now: Accessibility is not granted. To fix: grant", capability.Status.Detail);
        var invalid = await Call(new InvalidSendRequestException("chat_guid", "not a chat GUID"));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal("chat_guid: not a chat GUID", invalid.Status.Detail);

        var internalError = await Call(new InvalidOperationException("SELECT secret FROM internals"));
        Assert.Equal(StatusCode.Internal, internalError.StatusCode);
        Assert.Contains("error id", internalError.Status.Detail);
        Assert.DoesNotContain("SELECT", internalError.Status.Detail);
    }

    [Fact]
    public async Task GetLine_WithoutOsascript_ProbesChatDbAndReportsMessagesProbesAsUnknown()
    {
        using (FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sequoia)) { }
        await using var server = await AgentTestServer.StartAsync(_dir);
        var line = await server.Client.GetLineAsync(new GetLineRequest());

        Assert.Equal(Availability.Available, line.Health.ChatDbReadable.Availability);
        Assert.Equal(Availability.Unknown, line.Health.AutomationPermission.Availability);
        // No osascript on this machine: the Messages probes cannot decide (MessagesLineStatusProvider).
        Assert.Contains("could not be run", line.Health.AutomationPermission.Reason);
        Assert.Equal(Enum.GetValues<Capability>().Where(c => c != Capability.Unspecified), line.Capabilities.Select(c => c.Capability));
        Assert.All(line.Capabilities, c => Assert.Equal(Availability.Unknown, c.Availability));
        Assert.False(string.IsNullOrEmpty(line.AgentVersion));
    }

    [Fact]
    public async Task GetLine_UnreadableChatDb_ReportsUnavailableWithReason()
    {
        await File.WriteAllTextAsync(AgentTestServer.ChatDbPath(_dir), "this is not sqlite, just text");
        await using var server = await AgentTestServer.StartAsync(_dir);
        var line = await server.Client.GetLineAsync(new GetLineRequest());
        Assert.Equal(Availability.Unavailable, line.Health.ChatDbReadable.Availability);
        Assert.Contains("not an SQLite database", line.Health.ChatDbReadable.Reason);
    }

    private sealed class ThrowingLineStatus : ILineStatusProvider
    {
        public Exception? Next { get; set; }
        public Task<LineStatus> GetStatusAsync(CancellationToken cancellationToken) => Task.FromException<LineStatus>(Next!);
    }
}
