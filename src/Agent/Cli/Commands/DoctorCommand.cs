using LineAgent.Agent.Configuration;
using LineAgent.Agent.Operations;
using LineAgent.Agent.Operations.Doctor;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>`lineagent doctor`: checks everything a line host needs, each with ✓/✗ and the exact fix.</summary>
public sealed class DoctorCommand(OperatorContext? context = null, IReadOnlyList<IDoctorCheck>? checks = null) : ICommand
{
    private readonly OperatorContext _context = context ?? OperatorContext.Default();

    public string Name => "doctor";
    public string Summary => "Check this Mac is ready to be a line (permissions, Messages, service, power), with fixes";
    public string Usage => """
        usage: lineagent doctor [--json] [--state-dir DIR] [--label LABEL]

        Checks macOS version, configuration, Messages running and signed in, Automation (Messages, System Events),
        Accessibility, Full Disk Access (a real chat.db query), the staging directory, the LaunchAgent, the gRPC
        endpoint (grpc.health.v1), disk space, automatic login and sleep settings. Each line is ✓ (ok), ! (warning),
        ✗ (with the fix) or – (not applicable on this OS). Exit 1 when any check fails, else 0.
        Privacy grants belong to the process that asks: run from Terminal, doctor tests Terminal's grants; the
        LaunchAgent needs them for LineAgent.app.
        --json prints one JSON object per check: check, title, status (pass|warn|fail|n/a), detail, fix.
        """;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(args, ["--json"], ["--state-dir", "--label"]);
        var configArgs = reader.Value("--state-dir") is { } dir ? new[] { "--state-dir", dir } : [];
        var configuration = AgentConfiguration.Build(configArgs, _context.ConfigurationSources);
        var doctorContext = DoctorContext.Create(_context, configuration, InstallCommand.Label(reader), Hosting.AgentHost.ConfigurationProblem);
        var json = reader.Has("--json");

        var results = await Doctor.RunAsync(doctorContext, checks ?? Doctor.AllChecks(), result =>
        {
            if (json) DoctorReportWriter.WriteJson(_context.Out, result);
            else DoctorReportWriter.WriteText(_context.Out, result);
        }, cancellationToken);
        if (!json) DoctorReportWriter.WriteSummary(_context.Out, results);
        return results.Any(r => r.Status == CheckStatus.Fail) ? 1 : 0;
    }
}
