using LineAgent.Agent.Operations.Doctor.Checks;

namespace LineAgent.Agent.Operations.Doctor;

/// <summary>Runs the checks in order; one check throwing fails that check only.</summary>
public static class Doctor
{
    /// <summary>Every check, in the order an operator fixes things: OS, Messages, permissions, files, service, host.</summary>
    public static IReadOnlyList<IDoctorCheck> AllChecks() =>
    [
        new MacOsVersionCheck(),
        new ConfigurationCheck(),
        new MessagesCheck(),
        new MessagesAutomationCheck(),
        new AccessibilityCheck(),
        new FullDiskAccessCheck(),
        new StagingDirectoryCheck(),
        new StatePermissionsCheck(),
        new LaunchAgentCheck(),
        new GrpcEndpointCheck(),
        new DiskSpaceCheck(),
        new AutoLoginCheck(),
        new SleepCheck(),
    ];

    /// <summary>Runs <paramref name="checks"/> one after another (several share probe runs), reporting each as it finishes.</summary>
    public static async Task<IReadOnlyList<DoctorCheckResult>> RunAsync(DoctorContext context, IReadOnlyList<IDoctorCheck> checks,
        Action<DoctorCheckResult>? onResult, CancellationToken cancellationToken)
    {
        var results = new List<DoctorCheckResult>(checks.Count);
        foreach (var check in checks)
        {
            DoctorCheckResult result;
            try
            {
                result = await check.RunAsync(context, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result = new DoctorCheckResult(check.Id, check.Title, CheckStatus.Fail,
                    $"the check itself failed: {ex.GetType().Name}: {ex.Message}", "report this with the output of lineagent doctor --json");
            }
            results.Add(result);
            onResult?.Invoke(result);
        }
        return results;
    }
}
