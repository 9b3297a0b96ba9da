namespace LineAgent.Agent.Operations;

/// <summary>
/// Runs one external program (launchctl, osascript, pmset, sw_vers, defaults…) and returns its buffered output.
/// Every operator-facing command goes through this seam so tests drive the real logic with canned outputs.
/// </summary>
public interface ICommandRunner
{
    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> passed as separate argv entries (never through a
    /// shell). Never throws for a non-zero exit or a missing program: see <see cref="CommandResult.Started"/>.
    /// </summary>
    /// <param name="timeout">Kills the process after this long. Default: 30 s.</param>
    Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default);
}

/// <summary>What a finished (or unstartable) external command produced.</summary>
/// <param name="ExitCode">The process exit code; -1 when it could not be started or timed out.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr, or why the program could not be started.</param>
/// <param name="Started">False when the program does not exist or could not be executed.</param>
/// <param name="TimedOut">True when the runner killed it after the timeout.</param>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError, bool Started = true, bool TimedOut = false)
{
    /// <summary>Started, finished in time and exited 0.</summary>
    public bool Succeeded => Started && !TimedOut && ExitCode == 0;

    /// <summary>A result for a program that could not be started.</summary>
    public static CommandResult NotStarted(string why) => new(-1, "", why, Started: false);

    /// <summary>stderr, else stdout, trimmed to one line for messages.</summary>
    public string FirstErrorLine()
    {
        var text = string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError;
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return TimedOut ? $"timed out {line}".Trim() : line;
    }
}
