using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// Runs <c>osascript &lt;script file&gt; &lt;args…&gt;</c> through CliWrap: the arguments go to the process as an
/// argument vector (no shell, no quoting), so osascript hands them to the script's <c>on run argv</c> unchanged.
/// </summary>
public sealed class OsaScriptRunner(IOptions<MessagesDriverOptions> options, ILogger<OsaScriptRunner> logger) : IOsaScriptRunner
{
    private readonly MessagesDriverOptions _options = options.Value;
    private readonly string _scriptsDirectory = options.Value.ResolveScriptsDirectory();

    /// <inheritdoc />
    public async Task<OsaScriptResult> RunAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
        Action? beforeSpawn = null)
    {
        if (!ScriptNames.ArgumentCounts.TryGetValue(script, out var expected))
            throw new ArgumentException($"Unknown script '{script}'.", nameof(script));
        if (arguments.Count != expected)
            throw new ArgumentException($"Script '{script}' takes {expected} arguments, got {arguments.Count}.", nameof(arguments));
        foreach (var argument in arguments)
        {
            // A C string cannot carry NUL: the OS would silently cut the argument there.
            if (argument.Contains('\0'))
                throw new ArgumentException("Arguments for Messages scripts cannot contain NUL characters.", nameof(arguments));
        }

        var path = Path.Combine(_scriptsDirectory, script + ".applescript");
        if (!File.Exists(path))
            throw OsaErrorClassifier.Unavailable(script, $"script file {path} does not exist");

        var command = CliWrap.Cli.Wrap(_options.OsascriptPath)
            .WithArguments([path, .. arguments])
            .WithEnvironmentVariables(_options.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value))
            .WithValidation(CommandResultValidation.None);

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        beforeSpawn?.Invoke();
        var started = Stopwatch.GetTimestamp();
        BufferedCommandResult result;
        try
        {
            result = await command.ExecuteBufferedAsync(Encoding.UTF8, Encoding.UTF8, timeoutCts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            MessagesDriverLog.ScriptTimedOut(logger, script, timeout.TotalSeconds);
            throw OsaErrorClassifier.TimedOut(script, timeout);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            throw OsaErrorClassifier.Unavailable(script, $"{_options.OsascriptPath} could not be started ({ex.Message})");
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (result.ExitCode == 0)
        {
            MessagesDriverLog.ScriptSucceeded(logger, script, elapsed.TotalMilliseconds);
            return new OsaScriptResult(result.StandardOutput.TrimEnd('\n'), elapsed);
        }

        var failure = OsaErrorClassifier.Classify(script, result.ExitCode, result.StandardError);
        MessagesDriverLog.ScriptFailed(logger, script, failure.Kind, failure.Code, elapsed.TotalMilliseconds);
        MessagesDriverLog.ScriptStderr(logger, script, failure.Stderr ?? "");
        throw failure;
    }
}
