namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>
/// The layered configuration passes the validation `lineagent run` applies at start (every section: values and
/// unknown keys), through <see cref="DoctorContext.ConfigurationProblem"/>.
/// </summary>
public sealed class ConfigurationCheck : DoctorCheck
{
    public override string Id => "configuration";
    public override string Title => "Configuration";

    public override Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var configFile = Configuration.StateDirectoryFiles.ConfigFile(context.StateDirectory);
        if (context.ConfigurationProblem is { } problem)
            return Task.FromResult(Fail(problem,
                $"edit the key in {configFile} or the LINEAGENT__… variable in the LaunchAgent plist, then run lineagent doctor again"));
        return Task.FromResult(Pass(File.Exists(configFile) ? $"valid ({configFile})" : $"valid (defaults; no {configFile}: lineagent init writes one)"));
    }
}
