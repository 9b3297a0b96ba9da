using LineAgent.Examples.CentralApiClient;

// usage: CentralApiClient <address> <token-file> [--send TO TEXT]
//   dotnet run --project examples/CentralApiClient -- http://127.0.0.1:50051 "$TMPDIR"/lineagent-sandbox/run-*/state/grpc.token
// Prints every event after cursor 0, resuming by itself when the agent restarts; with --send, first sends one text.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: CentralApiClient <address> <token-file> [--send TO TEXT]");
    return 2;
}
using var line = new LineConnection(new Uri(args[0]), File.ReadAllText(args[1]).Trim());
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

if (args.Length >= 5 && args[2] == "--send")
{
    // A stable key per logical message: rerunning this command with the same text replays, never sends twice.
    var key = "example-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(args[3] + "\n" + args[4])))[..16];
    var receipt = await line.SendTextAsync(key, args[3], args[4], stop.Token);
    Console.WriteLine($"send {receipt.SendId}: {receipt.State}{(receipt.Replayed ? " (replayed)" : "")}");
}

var last = await line.FollowEventsAsync(0, e =>
{
    Console.WriteLine($"{e.Cursor} {e.Type} {e.ChatGuid} {e.MessageGuid}");
    return Task.CompletedTask;
}, stop.Token);
Console.WriteLine($"stopped after cursor {last}");
return 0;
