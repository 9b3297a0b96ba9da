namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>Free space on the state directory's volume (the journal, outbox and staged attachments grow there).</summary>
public sealed class DiskSpaceCheck : DoctorCheck
{
    /// <summary>Below this the check fails: 1 GiB.</summary>
    public const long FailBelowBytes = 1L << 30;

    /// <summary>Below this the check warns: 5 GiB.</summary>
    public const long WarnBelowBytes = 5L << 30;

    public override string Id => "disk-space";
    public override string Title => "Disk space";

    public override Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var free = context.FreeBytes(context.StateDirectory);
        if (free is not { } bytes)
            return Task.FromResult(Warn($"cannot tell the free space for {context.StateDirectory}", $"df -h '{context.StateDirectory}'"));
        var shown = $"{bytes / (double)(1L << 30):0.0} GiB free for {context.StateDirectory}";
        var fix = "free space on that volume (old attachments in ~/Library/Messages/Attachments are the usual culprit)";
        return Task.FromResult(bytes < FailBelowBytes ? Fail(shown, fix) : bytes < WarnBelowBytes ? Warn(shown, fix) : Pass(shown));
    }
}
