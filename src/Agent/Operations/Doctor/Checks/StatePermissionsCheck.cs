using LineAgent.Agent.Configuration;

namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>
/// The state directory is 0700 and nothing in it is readable by group or others: journal.db holds every message
/// text, grpc.token the API's key. (The agent tightens it at every start as well.)
/// </summary>
public sealed class StatePermissionsCheck : DoctorCheck
{
    public override string Id => "state-permissions";
    public override string Title => "State directory private";

    public override Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
            return Task.FromResult(NotApplicable("Unix permissions"));
        var directory = context.StateDirectory;
        if (!Directory.Exists(directory))
            return Task.FromResult(Pass($"{directory} does not exist yet (created 0700 at the first start or by lineagent init)"));
        var exposed = PrivateStateDirectory.FindExposed(directory);
        if (exposed.Count == 0)
            return Task.FromResult(Pass($"{directory} and everything in it are owner-only"));
        var shown = string.Join(", ", exposed.Take(5).Select(e => $"{Path.GetRelativePath(directory, e.Path)} {Octal(e.Mode)}"));
        var more = exposed.Count > 5 ? $" and {exposed.Count - 5} more" : "";
        return Task.FromResult(Fail($"readable by other users: {shown}{more} (journal.db holds message texts, grpc.token the API key)",
            PrivateStateDirectory.FixCommand(directory)));
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xFFF, 8);
}
