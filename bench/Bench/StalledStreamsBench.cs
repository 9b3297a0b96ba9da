using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using LineAgent.Agent.Events;
using LineAgent.Agent.Hosting;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Configuration;
using LineAgent.ChatDbReader.Records;
using LineAgent.Protocol.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LineAgent.Bench;

/// <summary>
/// `grpc-stalled` (issue 9.3): the agent in its own process over a 20,000-event journal of ~8.6 KB events, and 64
/// StreamEvents clients that open their stream and never read. Reports the agent's RSS before, with the 64 stalled
/// streams, and after they closed. Target: under 300 MB with the streams open, back down after.
/// `grpc-serve DIR`: the agent process it measures (state in DIR/state, no change feed), printing its address.
/// </summary>
public static class StalledStreamsBench
{
    public const string Token = "bench-token-0123456789abcdef";
    private const long TargetBytes = 300L * 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var events = Option(args, "--events", 20_000);
        var clients = Option(args, "--clients", 64);
        var dir = Path.Combine(Path.GetTempPath(), "lineagent-bench-stalled-" + Guid.NewGuid().ToString("N"));
        try
        {
            Fill(Path.Combine(dir, "state"), events);
            using var agent = StartServer(dir, out var address);
            var idle = await SettledRss(agent);

            var channels = new List<GrpcChannel>();
            var calls = new List<AsyncServerStreamingCall<StreamEventsResponse>>();
            for (var i = 0; i < clients; i++)
            {
                var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 });
                channels.Add(channel);
                var client = new LineAgent.Protocol.V1.LineAgent.LineAgentClient(
                    channel.CreateCallInvoker().Intercept(m => { m.Add("authorization", "Bearer " + Token); return m; }));
                var call = client.StreamEvents(new StreamEventsRequest { AfterCursor = 0 });
                await call.ResponseHeadersAsync;   // established; the client never reads a message
                calls.Add(call);
            }
            long peak = 0;
            for (var i = 0; i < 20; i++)
            {
                await Task.Delay(500);
                peak = Math.Max(peak, Rss(agent));
            }
            foreach (var call in calls)
                call.Dispose();
            foreach (var channel in channels)
                channel.Dispose();
            await Task.Delay(2_000);
            var after = await SettledRss(agent);
            await agent.StandardInput.WriteLineAsync("gc");
            await agent.StandardInput.FlushAsync();
            while (agent.StandardOutput.ReadLine() is { } line && line != "gc done") { }
            var collected = await SettledRss(agent);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"grpc stalled streams: {clients} clients that never read, {events:N0}-event journal (~8.6 KB events): agent RSS idle {Mb(idle)} MB, " +
                $"with the stalled streams peak {Mb(peak)} MB, after they closed {Mb(after)} MB, after a full collection {Mb(collected)} MB — " +
                $"{(peak < TargetBytes && collected <= idle + 64L * 1024 * 1024 ? "PASS" : "FAIL")} (target < 300 MB, back down after)"));
            agent.Kill(entireProcessTree: true);
            await agent.WaitForExitAsync();
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>`grpc-serve DIR`: runs the agent until stdin closes.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var dir = args[0];
        var state = Path.Combine(dir, "state");
        PrivateFile.WriteAllText(Path.Combine(state, "grpc.token"), Token);
        var app = AgentHost.Build(
        [
            "--state-dir", state, "--chat-db", Path.Combine(dir, "chat.db"), "--port", "0", "--ChangeFeed:Enabled", "false",
            "--Grpc:MaxEventStreams", "1000",
        ], b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        Console.WriteLine("listening " + AgentHost.ListeningAddress(app));
        // "gc" on stdin: a full, compacting collection (tells memory the agent still holds from garbage not yet
        // collected: an idle process runs no collection on its own). End of stdin stops the agent.
        while (await Console.In.ReadLineAsync() is { } command)
        {
            if (command != "gc")
                continue;
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            Console.WriteLine("gc done");
        }
        await app.StopAsync();
        return 0;
    }

    /// <summary>
    /// Starts `grpc-serve` over <paramref name="dir"/>; closing its stdin stops it. <paramref name="bench"/>: another
    /// build's Bench.dll to serve from (e.g. the agent before a change), this one by default.
    /// </summary>
    public static Process StartServer(string dir, out string address, string? bench = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        psi.ArgumentList.Add(bench ?? typeof(StalledStreamsBench).Assembly.Location);
        psi.ArgumentList.Add("grpc-serve");
        psi.ArgumentList.Add(dir);
        var process = Process.Start(psi)!;
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.StartsWith("listening ", StringComparison.Ordinal)) { }
        address = line?["listening ".Length..] ?? throw new InvalidOperationException("the agent process did not start");
        return process;
    }

    /// <summary>~8.6 KB message.received events (the shape the change feed journals).</summary>
    private static void Fill(string state, int count)
    {
        // As the agent journals them: with the stream's encoding.
        using var journal = new JournalStore(Path.Combine(state, "journal.db"), new JournalOptions(), TimeProvider.System, NullLogger<JournalStore>.Instance,
            LineAgent.Agent.Grpc.Events.StreamEventEncoder.Instance);
        var text = string.Concat(Enumerable.Repeat("A longer message, as people write them when they explain something. ", 60))[..4_000];
        for (var n = 1; n <= count; n += 1_000)
        {
            journal.Append(Enumerable.Range(n, Math.Min(1_000, count - n + 1)).Select(i =>
            {
                var m = new MessageRecord
                {
                    RowId = i, Guid = $"STALL-{i:D8}", ChatGuids = ["iMessage;-;+15550001111"], Service = "iMessage",
                    Sender = "+15550001111", Date = DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000 + i), Text = text,
                };
                var data = EventJson.ToJson(new MessagePayload(MessageData.From(m), [new PartData(0, 0, text.Length, text, null, null, null)]));
                return new NewJournalEvent(m.Guid + ":received", JournalEventTypes.MessageReceived, m.Date!.Value, m.ChatGuids[0], m.Guid, data);
            }).ToList());
        }
    }

    private static async Task<long> SettledRss(Process process)
    {
        await Task.Delay(1_500);
        return Rss(process);
    }

    private static long Rss(Process process)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    private static string Mb(long bytes) => (bytes / 1024 / 1024).ToString(CultureInfo.InvariantCulture);

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
