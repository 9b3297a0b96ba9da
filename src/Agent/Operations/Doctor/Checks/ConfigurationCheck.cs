using LineAgent.Agent.Configuration;
using LineAgent.Agent.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>The layered configuration binds and validates, as it must for `lineagent run` to start.</summary>
public sealed class ConfigurationCheck : DoctorCheck
{
    public override string Id => "configuration";
    public override string Title => "Configuration";

    public override Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddValidatedOptions<AgentOptions>(context.Configuration, AgentOptions.Section);
        services.AddValidatedOptions<ObservabilityOptions>(context.Configuration, ObservabilityOptions.Section);
        using var provider = services.BuildServiceProvider();
        var configFile = StateDirectoryFiles.ConfigFile(context.StateDirectory);
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception ex) when (ConfigurationValidation.Describe(ex) is { } message)
        {
            return Task.FromResult(Fail(message,
                $"edit the key in {configFile} or the LINEAGENT__… variable in the LaunchAgent plist, then run lineagent doctor again"));
        }
        return Task.FromResult(Pass(File.Exists(configFile) ? $"valid ({configFile})" : $"valid (defaults; no {configFile}: lineagent init writes one)"));
    }
}
