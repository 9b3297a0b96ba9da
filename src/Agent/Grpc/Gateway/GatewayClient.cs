using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Grpc.Events;
using LineAgent.Agent.Grpc.Mapping;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Line;
using LineAgent.Agent.Outbox.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Gateway;

/// <summary>
/// Dials the central API's gateway (lineagent.v1.LineGateway/Connect) and keeps one stream open: Hello, then events
/// from the cursor the gateway subscribes at (at most Gateway:MaxUnacked ahead of its Ack), commands answered through
/// <see cref="GatewayCommands"/>, LineStatusUpdate on change and as a heartbeat. Any break re-dials with jittered exponential
/// backoff (Polly); the journal is the durable side, so nothing is lost across disconnects or restarts.
/// </summary>
public sealed class GatewayClient(
    IOptions<GatewayOptions> options,
    JournalStore journal,
    IJournalReader reader,
    GatewayCommands commands,
    LineIdSource lineId,
    TimeProvider time,
    ILogger<GatewayClient> logger,
    LineStatusMonitor? monitor = null,
    LineConditionsSource? conditions = null) : BackgroundService
{
    /// <summary>The command_id of the CommandResult that refuses a Subscribe.</summary>
    public const string SubscribeCommandId = "subscribe";

    /// <summary>Sessions that reached Hello (tests watch reconnects).</summary>
    public int Sessions => _sessions;

    private int _sessions;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
            return;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.MinBackoff,
                MaxDelay = o.MaxBackoff,
                OnRetry = args =>
                {
                    GatewayLog.Reconnecting(logger, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.GetType().Name ?? "closed");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            // A session that ends cleanly (the gateway closed the stream) is re-dialled too: the line is always reachable.
            await pipeline.ExecuteAsync(async ct =>
            {
                await RunSessionAsync(ct);
                throw new IOException("the gateway closed the stream");
            }, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunSessionAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var channel = GrpcChannel.ForAddress(o.Url!, new GrpcChannelOptions
        {
            HttpHandler = Handler(o),
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });
        var client = new Proto.LineGateway.LineGatewayClient(channel);
        var headers = new Metadata();
        if (Token(o) is { } token)
            headers.Add("authorization", "Bearer " + token);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var call = client.Connect(headers, cancellationToken: session.Token);
        var writer = new SerialWriter(call.RequestStream);

        var line = await commands.RunAsync(new Proto.Command { CommandId = "hello", GetLine = new Proto.GetLineRequest() }, session.Token);
        await writer.WriteAsync(new Proto.LineMessage
        {
            Hello = new Proto.Hello
            {
                LineId = lineId.Get(),
                AgentVersion = AgentVersion.Current,
                Line = line.Line ?? new Proto.Line { LineId = lineId.Get(), AgentVersion = AgentVersion.Current },
                LastCursor = journal.LastCursor,
            },
        }, session.Token);
        Interlocked.Increment(ref _sessions);
        GatewayLog.Connected(logger, o.Url!);

        var acked = new AckWindow();
        Task? pump = null;
        CancellationTokenSource? pumpCts = null;
        var status = Task.Run(() => StatusLoopAsync(writer, session.Token), session.Token);
        try
        {
            await foreach (var message in call.ResponseStream.ReadAllAsync(session.Token))
            {
                switch (message.ItemCase)
                {
                    case Proto.GatewayMessage.ItemOneofCase.Subscribe:
                        if (pumpCts is not null)
                        {
                            await pumpCts.CancelAsync();
                            try { await pump!; } catch (OperationCanceledException) { }
                            pumpCts.Dispose();
                        }
                        pumpCts = CancellationTokenSource.CreateLinkedTokenSource(session.Token);
                        long start;
                        IReadOnlySet<string>? filter;
                        try
                        {
                            // Exactly as StreamEvents resolves it: a cursor outside the retained journal is refused, never a silent gap.
                            start = EventStreamStart.Resolve(message.Subscribe, reader);
                            filter = EventStreamStart.Types(message.Subscribe.EventTypes);
                        }
                        catch (Errors.ApiException refused)
                        {
                            await writer.WriteAsync(new Proto.LineMessage
                            {
                                Result = new Proto.CommandResult
                                {
                                    CommandId = SubscribeCommandId,
                                    Error = new Proto.CommandError { Code = (int)refused.Code, Message = refused.Message },
                                },
                            }, session.Token);
                            pump = null;
                            break;
                        }
                        acked.Reset();
                        var pumpToken = pumpCts.Token;
                        pump = Task.Run(() => PumpAsync(writer, start, filter, acked, pumpToken), pumpToken);
                        break;
                    case Proto.GatewayMessage.ItemOneofCase.Ack:
                        acked.Advance(message.Ack.Cursor);
                        break;
                    case Proto.GatewayMessage.ItemOneofCase.Command:
                        var result = await commands.RunAsync(message.Command, session.Token);
                        await writer.WriteAsync(new Proto.LineMessage { Result = result }, session.Token);
                        break;
                }
                if (pump is { IsFaulted: true })
                    await pump;     // surfaces the failure: the session ends and is re-dialled
            }
        }
        finally
        {
            await session.CancelAsync();
            foreach (var task in new[] { pump, status })
            {
                if (task is null)
                    continue;
                try { await task; } catch (Exception ex) when (ex is OperationCanceledException or RpcException or IOException or InvalidOperationException) { }
            }
            pumpCts?.Dispose();
        }
    }

    private async Task PumpAsync(SerialWriter writer, long after, IReadOnlySet<string>? filter, AckWindow acked, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxUnacked;
        var cursor = after;
        while (!cancellationToken.IsCancellationRequested)
        {
            var room = max - acked.InFlight;
            if (room <= 0)
            {
                await acked.WaitAsync(cancellationToken);
                continue;
            }
            var lastBeforeRead = journal.LastCursor;
            // As StreamEvents reads: the filter applied by the journal, and events stored in this build's encoding sent
            // as stored (the same bytes as mapping them, without the mapping); any other row is mapped.
            var page = journal.ReadEncodedAfter(cursor, Math.Min(room, 256), filter, StreamEventEncoder.Instance, int.MaxValue);
            if (page.Count == 0)
            {
                // Caught up: every event up to lastBeforeRead has been examined (none past the cursor matched).
                if (filter is not null && lastBeforeRead > cursor)
                    cursor = lastBeforeRead;
                await journal.WaitForAppendAsync(cursor, cancellationToken);
                continue;
            }
            foreach (var e in page)
            {
                cursor = e.Cursor;
                acked.Sent(e.Cursor);
                await writer.WriteAsync(e.Encoded is { } frame
                    ? StreamEventEncoder.LineMessage(frame)
                    : new Proto.LineMessage { Event = EventMapping.ToProto(e.Event!) }, cancellationToken);
            }
        }
    }

    private async Task StatusLoopAsync(SerialWriter writer, CancellationToken cancellationToken)
    {
        var interval = options.Value.HeartbeatInterval;
        string? sent = null;
        var lastSentAt = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            var current = monitor?.Latest ?? conditions?.Compute();
            var signature = current is null ? "" : current.State + ":" + string.Join(",", current.Reasons);
            var now = time.GetUtcNow();
            if (signature != sent || now - lastSentAt >= interval)
            {
                var status = new Proto.LineStatusUpdate
                {
                    TtlSeconds = (int)Math.Ceiling(interval.TotalSeconds * 3),
                    SentAt = Timestamp.FromDateTimeOffset(now),
                };
                if (current is not null)
                {
                    var line = LineMapping.ToProto(new LineStatus([], null, "", "", [], new LineHealthReport(
                        ProbeResult.Available, ProbeResult.Available, ProbeResult.Available, ProbeResult.Available), now), current);
                    status.State = line.State;
                    status.StateReasons.AddRange(line.StateReasons);
                    status.Capacity = line.Capacity;
                }
                await writer.WriteAsync(new Proto.LineMessage { Status = status }, cancellationToken);
                sent = signature;
                lastSentAt = now;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, interval.TotalMilliseconds)), time, cancellationToken);
        }
    }

    private static string? Token(GatewayOptions o)
    {
        if (!string.IsNullOrWhiteSpace(o.TokenFile))
            return File.ReadAllText(AgentPaths.ExpandHome(o.TokenFile)).Trim();
        var fromEnvironment = Environment.GetEnvironmentVariable(o.TokenEnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment.Trim();
    }

    private static SocketsHttpHandler Handler(GatewayOptions o)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false, KeepAlivePingDelay = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrWhiteSpace(o.ClientCertificatePath))
        {
            handler.SslOptions.ClientCertificates =
                [X509Certificate2.CreateFromPemFile(AgentPaths.ExpandHome(o.ClientCertificatePath), AgentPaths.ExpandHome(o.ClientKeyPath!))];
        }
        if (!string.IsNullOrWhiteSpace(o.CaPath))
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(AgentPaths.ExpandHome(o.CaPath));
            // The gateway's chain must end at one of these roots, and its name must match: never "accept any".
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                    return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }
        return handler;
    }

    /// <summary>One writer at a time on the request stream (events, results and status come from different tasks).</summary>
    private sealed class SerialWriter(IClientStreamWriter<Proto.LineMessage> stream)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        public async Task WriteAsync(Proto.LineMessage message, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await stream.WriteAsync(message, cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Events sent and not yet acknowledged, and a signal when an Ack arrives.</summary>
    private sealed class AckWindow
    {
        private readonly Lock _lock = new();
        private readonly Queue<long> _unacked = new();
        private TaskCompletionSource _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Reset()
        {
            lock (_lock)
                _unacked.Clear();
        }

        public void Sent(long cursor)
        {
            lock (_lock)
                _unacked.Enqueue(cursor);
        }

        public void Advance(long cursor)
        {
            TaskCompletionSource moved;
            lock (_lock)
            {
                while (_unacked.TryPeek(out var next) && next <= cursor)
                    _unacked.Dequeue();
                moved = _moved;
                _moved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            moved.TrySetResult();
        }

        public int InFlight
        {
            get
            {
                lock (_lock)
                    return _unacked.Count;
            }
        }

        public Task WaitAsync(CancellationToken cancellationToken)
        {
            Task moved;
            lock (_lock)
                moved = _moved.Task;
            return moved.WaitAsync(cancellationToken);
        }
    }
}
