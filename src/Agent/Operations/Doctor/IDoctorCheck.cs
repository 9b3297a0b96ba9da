namespace LineAgent.Agent.Operations.Doctor;

/// <summary>One `lineagent doctor` check. Implementations run external programs only through <see cref="DoctorContext.Runner"/>.</summary>
public interface IDoctorCheck
{
    /// <summary>Stable kebab-case id, used in --json output.</summary>
    string Id { get; }

    /// <summary>Short human title.</summary>
    string Title { get; }

    /// <summary>Runs the check. May throw: the doctor reports an exception as a failure of this check alone.</summary>
    Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken);
}

/// <summary>Helpers so each check reads as its decisions.</summary>
public abstract class DoctorCheck : IDoctorCheck
{
    public abstract string Id { get; }
    public abstract string Title { get; }
    public abstract Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken);

    protected DoctorCheckResult Pass(string detail) => new(Id, Title, CheckStatus.Pass, detail);
    protected DoctorCheckResult Warn(string detail, string? fix) => new(Id, Title, CheckStatus.Warn, detail, fix);
    protected DoctorCheckResult Fail(string detail, string fix) => new(Id, Title, CheckStatus.Fail, detail, fix);

    /// <summary>"n/a on Linux: …" (or the current OS): says why the check cannot apply instead of failing obscurely.</summary>
    protected DoctorCheckResult NotApplicable(string why) =>
        new(Id, Title, CheckStatus.NotApplicable, $"n/a on {(OperatingSystem.IsLinux() ? "Linux" : "this OS")}: {why}");
}
