namespace LineAgent.Agent.Sandbox;

/// <summary>
/// What `lineagent sandbox` prints once it listens: the token (once: the commands below read it from the file) and
/// what to try next, with the lineagent client first and grpcurl / buf curl for the raw API.
/// </summary>
public static class SandboxBanner
{
    /// <summary>Fully qualified gRPC service name (reflection resolves the rest).</summary>
    public const string Service = "lineagent.v1.LineAgent";

    public static string Render(string address, string token, string directory, int processId, string tokenPath)
    {
        var hostPort = new Uri(address).Authority;
        string Grpcurl(string data, string method) =>
            $"  grpcurl -plaintext -H \"$T\" -d '{data}' {hostPort} {Service}/{method}";
        // buf curl sends -H headers only on the RPC; reflection needs the token too (--reflect-header).
        string BufCurl(string data, string method) =>
            $"  npx buf curl --protocol grpc --http2-prior-knowledge -H \"$T\" --reflect-header \"$T\" -d '{data}' {address}/{Service}/{method}";

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
            $"LineAgent sandbox (pid {processId}): the real agent against a simulated Messages.app and a fake chat.db.",
            $"  listening  {address}  (gRPC over HTTP/2, plaintext, loopback only)",
            $"  token      {token}",
            $"  directory  {directory}  (deleted on exit)",
            "",
            "# Try it with the lineagent client (it finds this sandbox by itself; --sandbox " + processId + " when several run):",
            "  lineagent line",
            "  lineagent chats",
            "  lineagent events                      (leave running in another terminal)",
            $"  lineagent send --to {SandboxEnvironment.SeedContact} --text \"Hello from the sandbox\" --wait",
            $"  lineagent sandbox inbound --from {SandboxEnvironment.SeedContact} --text \"Thanks, got it\"      (the other side answers)",
            "  (from a checkout, build once: dotnet build src/Agent, then run src/Agent/bin/Debug/net10.0/lineagent …)",
            "",
            "# Or the raw API with grpcurl or buf (buf from npm runs as npx buf):",
            $"  T=\"authorization: Bearer $(cat '{tokenPath}')\"",
            "",
        };
        foreach (var (what, data, method) in calls)
        {
            lines.Add($"# {what}");
            lines.Add(Grpcurl(data, method));
            lines.Add(BufCurl(data, method));
            lines.Add("");
        }
        lines.Add("Press Ctrl-C to stop.");
        return string.Join('\n', lines);
    }
}
