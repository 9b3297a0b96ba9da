namespace LineAgent.Agent.Sandbox;

/// <summary>What `lineagent sandbox` prints once it listens: the token and commands to paste.</summary>
public static class SandboxBanner
{
    /// <summary>Fully qualified gRPC service name (reflection resolves the rest).</summary>
    public const string Service = "lineagent.v1.LineAgent";

    public static string Render(string address, string token, string directory)
    {
        var hostPort = new Uri(address).Authority;
        var header = $"authorization: Bearer {token}";
        string Grpcurl(string data, string method) =>
            $"  grpcurl -plaintext -H '{header}' -d '{data}' {hostPort} {Service}/{method}";
        // buf curl sends -H headers only on the RPC; reflection needs the token too (--reflect-header).
        string BufCurl(string data, string method) =>
            $"  buf curl --protocol grpc --http2-prior-knowledge -H '{header}' --reflect-header '{header}' -d '{data}' {address}/{Service}/{method}";

        var calls = new (string What, string Data, string Method)[]
        {
            ("The line: health, permissions, capabilities", "{}", "GetLine"),
            ("Chats in the fake chat.db", "{}", "ListChats"),
            ("Events from now on (leave running in another terminal)", "{\"start\":\"STREAM_START_LATEST\"}", "StreamEvents"),
            ("Send a text (message.sent, then message.delivered and message.read follow)",
                $"{{\"idempotencyKey\":\"hello-1\",\"to\":\"{SandboxEnvironment.SeedContact}\",\"parts\":[{{\"text\":{{\"text\":\"Hello from the sandbox\"}}}}]}}",
                "SendMessage"),
        };

        var lines = new List<string>
        {
            "LineAgent sandbox: the real agent against a simulated Messages.app and a fake chat.db.",
            $"  listening  {address}  (gRPC over HTTP/2, plaintext, loopback only)",
            $"  token      {token}",
            $"  directory  {directory}  (deleted on exit)",
            "",
        };
        foreach (var (what, data, method) in calls)
        {
            lines.Add($"# {what}");
            lines.Add(Grpcurl(data, method));
            lines.Add(BufCurl(data, method));
            lines.Add("");
        }
        lines.Add("# A reply from the other side (message.received):");
        lines.Add($"  lineagent sandbox inbound --from {SandboxEnvironment.SeedContact} --text \"Thanks, got it\"");
        lines.Add("  (from a checkout: dotnet run --project src/Agent -- sandbox inbound --from … --text …)");
        lines.Add("");
        lines.Add("Press Ctrl-C to stop.");
        return string.Join('\n', lines);
    }
}
