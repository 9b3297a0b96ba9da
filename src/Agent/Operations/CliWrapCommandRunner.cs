using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace LineAgent.Agent.Operations;

/// <summary>The production <see cref="ICommandRunner"/>: CliWrap with argv passed as a list, output buffered.</summary>
public sealed class CliWrapCommandRunner : ICommandRunner
{
    /// <summary>The default per-command timeout: 30 s (osascript may wait for Messages to launch).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public async Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            var result = await CliWrap.Cli.Wrap(program)
                .WithArguments(arguments)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(deadline.Token);
            return new CommandResult(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CommandResult(-1, "", $"after {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s", TimedOut: true);
        }
        catch (Win32Exception ex)
        {
            return CommandResult.NotStarted($"cannot run {program}: {ex.Message}");
        }
        catch (InvalidOperationException ex) // CliWrap wraps "file not found" in some runtimes
        {
            return CommandResult.NotStarted($"cannot run {program}: {ex.Message}");
        }
    }
}
