using System.CommandLine;
using System.Globalization;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using LineAgent.Agent.Cli.Client;
using LineAgent.Agent.Cli.Client.Verbs;
using LineAgent.Agent.Configuration;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Certify;

/// <summary>
/// `lineagent certify --peer HANDLE`: proves on this Mac what the line advertises, row by row, against a test peer the
/// operator owns; prints the table (or --json), writes the report (0600) and records per capability what was proven on
/// this build (RecordCertification), which GetLine then reports and the line's refusals act on.
/// </summary>
internal sealed class CertifyVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "certify";
    protected override string Summary => "Prove what the line advertises against a test peer, and record it (RecordCertification)";
    protected override string Details =>
        "Sends to --peer only (a handle you own; another line of the fleet is best) and, for the group rows, creates one group " +
        "with --peer and --peer2. Every row is checked in this line's own evidence (GetSend, its events, GetMessage, GetChat) " +
        "and, with --peer-line, in the peer line's events. Afterwards it unsends what it sent where the line can and says what stays. " +
        "Exit 0 when no row failed, 1 when one did.\n\n" +
        $"Capabilities for --only: {string.Join(", ", CertifyRunner.Rows.Select(r => Names.Capability(r.Capability)).Distinct())}.\n\n" +
        "Examples:\n  lineagent certify --peer +15555550123 --peer2 peer2@icloud.com\n" +
        "  lineagent certify --peer +15555550123 --only tapbacks,edits --json\n" +
        "  lineagent certify --peer +15555550123 --peer-line https://line-2.example:50551 --peer-token-file line-2.token";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var peer = new Option<string>("--peer") { Description = "the test peer's handle (E.164 or email): the only 1:1 chat touched", HelpName = "HANDLE", Required = true };
        var peer2 = new Option<string>("--peer2") { Description = "a second test peer, for the group rows (without it they are skipped)", HelpName = "HANDLE" };
        var peerLine = new Option<string>("--peer-line") { Description = "the peer's own LineAgent, to check the other side (received, tapback seen, edit seen)", HelpName = "URL" };
        var peerToken = new Option<string>("--peer-token-file") { Description = "the peer line's bearer token file (with --peer-line)", HelpName = "PATH" };
        var report = new Option<string>("--report") { Description = "where to write the JSON report (default: <state dir>/certify/certify-<time>-<run>.json)", HelpName = "PATH" };
        var only = new Option<string>("--only") { Description = "only these capabilities, comma-separated (e.g. tapbacks,edits)", HelpName = "CAP,…" };
        var timeout = new Option<double>("--row-timeout")
        {
            Description = "seconds each wait of a row may take (default 60)", HelpName = "SECONDS", DefaultValueFactory = _ => 60,
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s is >= 0.1 and <= 600)
                    return s;
                r.AddError($"--row-timeout must be a number of seconds from 0.1 to 600, not '{text}'");
                return 0;
            },
        };
        foreach (var option in new Option[] { peer, peer2, peerLine, peerToken, report, only, timeout })
            verb.Options.Add(option);
        verb.Validators.Add(result =>
        {
            if (result.GetResult(peerLine) is not null && result.GetResult(peerToken) is null)
                result.AddError("--peer-line needs --peer-token-file PATH (the peer line's token)");
            if (result.GetValue(peer2) is { } second && CertifyContext.SameHandle(second, result.GetValue(peer) ?? ""))
                result.AddError("--peer2 must be another handle than --peer");
        });

        return async (parse, call, cancellationToken) =>
        {
            var settings = new CertifySettings(parse.GetValue(peer)!, parse.GetValue(peer2), TimeSpan.FromSeconds(parse.GetValue(timeout)));
            var capabilities = ParseOnly(parse.GetValue(only));
            var line = await call.Client.GetLineAsync(new Proto.GetLineRequest(), cancellationToken: cancellationToken);
            if (line.Handles.Any(h => CertifyContext.SameHandle(h, settings.Peer) || CertifyContext.SameHandle(h, settings.Peer2 ?? "")))
                throw new UsageException("--peer and --peer2 must be someone else: this line sends from " + string.Join(", ", line.Handles));
            var build = line.Capabilities.Select(c => c.Certification?.Build).FirstOrDefault(b => !string.IsNullOrEmpty(b)) ?? "";

            using var peerChannel = parse.GetValue(peerLine) is { } peerAddress ? PeerChannel(peerAddress) : null;
            var peerClient = peerChannel is null ? null : PeerClient(peerChannel, PeerToken(parse.GetValue(peerToken)!));
            var started = DateTimeOffset.UtcNow;
            var runId = Guid.NewGuid().ToString("N")[..8];
            await using var events = await EventWatch.StartAsync(call.Client, cancellationToken);
            await using var peerEvents = peerClient is null ? null : await EventWatch.StartAsync(peerClient, cancellationToken);
            var context = new CertifyContext(call.Client, events, peerEvents, settings, runId);
            var (rows, cleanup) = await CertifyRunner.RunAsync(context, line, capabilities, cancellationToken);

            var result = new CertifyReport(line.LineId, build, call.Target.Address.ToString(), settings.Peer, settings.Peer2, parse.GetValue(peerLine),
                started, DateTimeOffset.UtcNow, rows.Select(CertifyReport.ToRow).ToList(), CertifyReport.Verdicts(rows), cleanup);
            var path = Path.GetFullPath(parse.GetValue(report) ?? Path.Combine(call.Target.StateDirectory ?? Directory.GetCurrentDirectory(), "certify",
                $"certify-{started:yyyyMMdd-HHmmss}-{runId}.json"));
            result.Write(path);
            await RecordAsync(call, build, path, result, cancellationToken);
            if (call.Output.Json)
                call.Output.Writer.WriteLine(result.ToJson());
            else
                call.Output.Writer.WriteLine(result.ToTable() + $"\nreport: {path}\nrecorded for {build}: GetLine shows each capability verified, failed or unverified");
            return result.Failed == 0 ? 0 : 1;
        };
    }

    /// <summary>Verified and failed capabilities go to the line's record; skipped ones leave it as it was.</summary>
    private static async Task RecordAsync(AgentCall call, string build, string path, CertifyReport report, CancellationToken cancellationToken)
    {
        var request = new Proto.RecordCertificationRequest { Build = build, ReportPath = path };
        foreach (var verdict in report.Capabilities.Where(v => v.Certification != "unverified"))
            request.Results.Add(new Proto.CertifiedCapability
            {
                Capability = CertifyRunner.Rows.First(r => Names.Capability(r.Capability) == verdict.Capability).Capability,
                State = verdict.Certification == "verified" ? Proto.Certification.Verified : Proto.Certification.Failed,
                Detail = verdict.Detail,
            });
        await call.Client.RecordCertificationAsync(request, cancellationToken: cancellationToken);
    }

    private static HashSet<Proto.Capability>? ParseOnly(string? only)
    {
        if (only is null)
            return null;
        var known = CertifyRunner.Rows.Select(r => r.Capability).Distinct().ToDictionary(Names.Capability);
        var set = new HashSet<Proto.Capability>();
        foreach (var name in only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            set.Add(known.TryGetValue(name, out var c) ? c
                : throw new UsageException($"--only: unknown capability '{name}' (one of {string.Join(", ", known.Keys)})"));
        return set.Count > 0 ? set : throw new UsageException("--only needs at least one capability");
    }

    private static GrpcChannel PeerChannel(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? GrpcChannel.ForAddress(uri)
            : throw new UsageException($"--peer-line must be an http:// or https:// URL, not '{address}'");

    /// <summary>The peer line's token from its file; a file that cannot be read or holds nothing is a usage error naming it.</summary>
    private static string PeerToken(string path)
    {
        string token;
        try
        {
            token = File.ReadAllText(AgentPaths.ExpandHome(path)).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--peer-token-file: cannot read '{path}' ({ex.Message}); give the peer line's grpc.token");
        }
        return token.Length > 0 ? token : throw new UsageException($"--peer-token-file: '{path}' is empty; give the peer line's grpc.token");
    }

    private static Proto.LineAgent.LineAgentClient PeerClient(GrpcChannel channel, string token) =>
        new(channel.CreateCallInvoker().Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return metadata;
        }));
}
