namespace LineAgent.Agent.Operations.Doctor;

/// <summary>Outcome of one doctor check.</summary>
public enum CheckStatus
{
    /// <summary>Works. Printed ✓.</summary>
    Pass,
    /// <summary>Works now but is risky for an unattended host. Printed !. Does not fail the run.</summary>
    Warn,
    /// <summary>Broken: the fix says what to do. Printed ✗. Makes `lineagent doctor` exit 1.</summary>
    Fail,
    /// <summary>Cannot apply on this OS (e.g. TCC on Linux). Printed –.</summary>
    NotApplicable,
}

/// <summary>One check's verdict.</summary>
/// <param name="Id">Stable kebab-case id for scripts (e.g. "full-disk-access").</param>
/// <param name="Title">Human title (e.g. "Full Disk Access").</param>
/// <param name="Status">The verdict.</param>
/// <param name="Detail">What was found, one line.</param>
/// <param name="Fix">The exact step that fixes it: a System Settings deep link, a command. Null when nothing to do.</param>
public sealed record DoctorCheckResult(string Id, string Title, CheckStatus Status, string Detail, string? Fix = null);
