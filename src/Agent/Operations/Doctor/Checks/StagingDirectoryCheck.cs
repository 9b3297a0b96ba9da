namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>
/// The attachment staging directory exists (created if missing) and accepts a file. It must be under
/// ~/Library/Messages: Messages is sandboxed and fails sends of files elsewhere ("error 25") while osascript exits 0.
/// </summary>
public sealed class StagingDirectoryCheck : DoctorCheck
{
    public override string Id => "staging-directory";
    public override string Title => "Staging directory writable";

    public override Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var directory = context.StagingDirectory;
        var probe = Path.Combine(directory, $".lineagent-doctor-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(probe, "probe");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(Fail($"cannot write to {directory}: {ex.Message}",
                context.IsMacOS
                    ? $"grant Full Disk Access (the directory is under ~/Library/Messages) and check ownership: ls -ld '{directory}'"
                    : $"check ownership and permissions: ls -ld '{directory}'"));
        }
        var messagesRoot = Path.GetDirectoryName(context.ChatDbPath) ?? "";
        if (context.IsMacOS && messagesRoot.Length > 0 && !directory.StartsWith(messagesRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return Task.FromResult(Warn($"{directory} is writable but outside {messagesRoot}: Messages (sandboxed) cannot send files from there",
                "set Outbox:StagingDirectory to a folder under ~/Library/Messages/Attachments"));
        return Task.FromResult(Pass($"{directory} writable"));
    }
}
