using System.Diagnostics;
using System.Text.Json.Nodes;
using LineAgent.Agent.Operations;

namespace LineAgent.Agent.Sandbox;

/// <summary>What a running sandbox tells `lineagent sandbox inbound`: where its chat.db is and who runs it.</summary>
public sealed record SandboxState(int ProcessId, string Directory, string ChatDbPath, string Address);

/// <summary>
/// The well-known file naming the running sandbox: &lt;root&gt;/current.json, root = $TMPDIR/lineagent-sandbox by
/// default. Written (0600) once the sandbox listens, removed on exit; the last sandbox started wins.
/// </summary>
public static class SandboxStateFile
{
    /// <summary>$TMPDIR/lineagent-sandbox (the per-user temp directory on macOS, /tmp on Linux).</summary>
    public static string DefaultRoot => Path.Combine(Path.GetTempPath(), "lineagent-sandbox");

    public static string PathIn(string root) => Path.Combine(root, "current.json");

    public static void Write(string root, SandboxState state)
    {
        var json = new JsonObject
        {
            ["pid"] = state.ProcessId,
            ["directory"] = state.Directory,
            ["chatDb"] = state.ChatDbPath,
            ["address"] = state.Address,
        };
        PrivateFile.WriteAllText(PathIn(root), json.ToJsonString() + "\n");
    }

    /// <summary>The running sandbox, or null with the reason when none is (no file, unreadable, or its process is gone).</summary>
    public static SandboxState? Read(string root, out string? reason)
    {
        var path = PathIn(root);
        reason = null;
        if (!File.Exists(path))
        {
            reason = $"no sandbox is running (no {path}). Start one with: lineagent sandbox";
            return null;
        }
        SandboxState state;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            state = new SandboxState((int)json["pid"]!, (string)json["directory"]!, (string)json["chatDb"]!, (string)json["address"]!);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            reason = $"{path} is not a sandbox state file ({ex.Message}). Start a sandbox with: lineagent sandbox";
            return null;
        }
        if (!IsRunning(state.ProcessId) || !File.Exists(state.ChatDbPath))
        {
            reason = $"the sandbox recorded in {path} (pid {state.ProcessId}) is no longer running. Start one with: lineagent sandbox";
            return null;
        }
        return state;
    }

    /// <summary>Removes the file if it still names <paramref name="processId"/>'s sandbox in <paramref name="directory"/>.</summary>
    public static void RemoveIfOurs(string root, int processId, string directory)
    {
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(PathIn(root)))!.AsObject();
            if ((int)json["pid"]! == processId && (string)json["directory"]! == directory)
                File.Delete(PathIn(root));
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            // Gone or replaced by another sandbox: nothing of ours to remove.
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
