using System.CommandLine;
using LineAgent.Agent.Operations;
using LineAgent.Agent.Operations.Doctor;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>`lineagent doctor`: checks everything a line host needs, each with ✓/✗ and the exact fix.</summary>
public sealed class DoctorCommand(OperatorContext? context = null, IReadOnlyList<IDoctorCheck>? checks = null) : ICommand
{
    private readonly OperatorContext _context = context ?? OperatorContext.Default();

    public Verb Build()
    {
        var json = CliOptions.Json("one JSON object per check: check, title, status (pass|warn|fail|n/a), detail, fix");
        var label = CliOptions.Label();
        var verb = new Verb("doctor", "Check this Mac is ready to be a line (permissions, Messages, service, power), with fixes")
        {
            Details = $"""
                Checks macOS version, configuration (exactly as `run` validates it), Messages running and signed in,
                Automation (Messages, System Events), Accessibility, Full Disk Access (a real chat.db query), the staging
                directory, the LaunchAgent, the gRPC endpoint (grpc.health.v1), disk space, automatic login and sleep
                settings. Each line is ✓ (ok), ! (warning), ✗ (with the fix) or – (not applicable on this OS).
                Exit 1 when any check fails, 78 when the configuration files cannot be read at all, else 0.
                Privacy grants belong to the process that asks: run from Terminal, doctor tests Terminal's grants; the
                LaunchAgent needs them for LineAgent.app. {ConfigurationOptions.KeysHelp}
                """,
        };
        verb.Options.Add(json);
        verb.Options.Add(label);
        var configuration = ConfigurationOptions.AddTo(verb);
        verb.SetAction((parse, cancellationToken) =>
            RunAsync(configuration.Build(parse, _context.ConfigurationSources), parse.GetValue(label)!, parse.GetValue(json), cancellationToken));
        return verb;
    }

    private async Task<int> RunAsync(Microsoft.Extensions.Configuration.IConfiguration configuration, string label, bool json, CancellationToken cancellationToken)
    {
        var doctorContext = DoctorContext.Create(_context, configuration, label, Hosting.AgentHost.ConfigurationProblem);
        var results = await Doctor.RunAsync(doctorContext, checks ?? Doctor.AllChecks(), result =>
        {
            if (json) DoctorReportWriter.WriteJson(_context.Out, result);
            else DoctorReportWriter.WriteText(_context.Out, result);
        }, cancellationToken);
        if (!json) DoctorReportWriter.WriteSummary(_context.Out, results);
        return results.Any(r => r.Status == CheckStatus.Fail) ? 1 : 0;
    }
}
