using System.Diagnostics;

namespace LineAgent.Agent.Sandbox;

/// <summary>
/// The fake-messages simulator (src/Simulation/FakeMessages), run as a separate program: the sandbox's agent uses it
/// in place of osascript, and `lineagent sandbox` asks it to seed the fake chat.db and to write inbound messages.
/// The agent assembly holds no simulation code; a build of src/Agent copies the simulator next to `lineagent`, and
/// the macOS bundle (scripts/package-macos.sh) does not contain it.
/// </summary>
public static class SandboxSimulator
{
    /// <summary>The simulator executable next to `lineagent` (absent in the macOS bundle).</summary>
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "fake-messages");

    /// <summary>Why the sandbox cannot run here, or null when the simulator is present.</summary>
    public static string? Missing() => File.Exists(Path)
        ? null
        : $"the simulator {Path} is missing: the sandbox runs from a build of the repository " +
          "(dotnet run --project src/Agent -- sandbox), not from the packaged agent.";

    /// <summary>Runs <c>fake-messages &lt;args…&gt;</c> against <paramref name="chatDbPath"/> and waits for it.</summary>
    public static SimulatorResult Run(string chatDbPath, params string[] args)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["LINEAGENT_SIM_CHAT_DB"] = chatDbPath;
        start.Environment.Remove("LINEAGENT_SIM_CONFIG"); // <chat.db>.sim.json, the sandbox's own

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start the simulator {Path}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new SimulatorResult(process.ExitCode, stdout.TrimEnd('\n'), stderr.GetAwaiter().GetResult().TrimEnd('\n'));
    }

    /// <summary>
    /// Starts <c>fake-messages ax-serve --socket PATH</c>: the simulated Messages UI the agent's accessibility driver
    /// drives (only the sandbox and the tests use it). It serves until its standard input closes; returns once the
    /// socket exists.
    /// </summary>
    public static Process StartAxServe(string chatDbPath, string socketPath)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "ax-serve", "--socket", socketPath })
            start.ArgumentList.Add(arg);
        start.Environment["LINEAGENT_SIM_CHAT_DB"] = chatDbPath;
        start.Environment.Remove("LINEAGENT_SIM_CONFIG");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the simulator {Path}");
        for (var waited = 0; !File.Exists(socketPath); waited += 20)
        {
            if (process.HasExited || waited > 10_000)
            {
                var error = process.HasExited ? process.StandardError.ReadToEnd() : "no socket after 10 s";
                Stop(process);
                throw new InvalidOperationException($"the simulator's accessibility server did not start: {error}");
            }
            Thread.Sleep(20);
        }
        return process;
    }

    /// <summary>Stops an <see cref="StartAxServe"/> process: closes its input (it exits), kills it if it lingers.</summary>
    public static void Stop(Process process)
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(2000))
                process.Kill();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        process.Dispose();
    }
}

/// <summary>What one simulator run printed, and its exit status.</summary>
public sealed record SimulatorResult(int ExitCode, string Stdout, string Stderr);
