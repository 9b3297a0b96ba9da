using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LineAgent.Agent.Configuration;

namespace LineAgent.Agent.Sandbox;

/// <summary>What a running sandbox tells `sandbox inbound` and the client verbs: who runs it, where its files are, where it listens.</summary>
public sealed record SandboxState(int ProcessId, string Directory, string ChatDbPath, string Address)
{
    /// <summary>The sandbox's bearer token file (&lt;directory&gt;/state/grpc.token, as <see cref="SandboxEnvironment"/> writes it).</summary>
    public string TokenPath => Path.Combine(Directory, "state", "grpc.token");
}

/// <summary>
/// One record per running sandbox: &lt;root&gt;/running/&lt;pid&gt;.json (0600), root = $TMPDIR/lineagent-sandbox by default.
/// Written once the sandbox listens, removed on exit; a record whose process is gone is ignored (and removed). Two
/// sandboxes never share a record, so stopping one leaves the other findable.
/// </summary>
public static class SandboxRegistry
{
    /// <summary>$TMPDIR/lineagent-sandbox (the per-user temp directory on macOS, /tmp on Linux).</summary>
    public static string DefaultRoot => Path.Combine(Path.GetTempPath(), "lineagent-sandbox");

    /// <summary>The folder holding the records.</summary>
    public static string RecordsIn(string root) => Path.Combine(root, "running");

    public static void Write(string root, SandboxState state)
    {
        var json = new JsonObject
        {
            ["pid"] = state.ProcessId,
            ["directory"] = state.Directory,
            ["chatDb"] = state.ChatDbPath,
            ["address"] = state.Address,
        };
        PrivateFile.CreatePrivateDirectory(RecordsIn(root));
        PrivateFile.WriteAllText(RecordPath(root, state.ProcessId), json.ToJsonString() + "\n");
    }

    /// <summary>The sandboxes running now, oldest pid first; records of sandboxes that are gone are removed.</summary>
    public static IReadOnlyList<SandboxState> Running(string root)
    {
        var directory = RecordsIn(root);
        if (!System.IO.Directory.Exists(directory))
            return [];
        var running = new List<SandboxState>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*.json"))
        {
            if (TryRead(path) is not { } state)
                continue;
            if (IsRunning(state.ProcessId) && File.Exists(state.ChatDbPath))
                running.Add(state);
            else
                TryDelete(path);
        }
        return [.. running.OrderBy(s => s.ProcessId)];
    }

    /// <summary>
    /// The sandbox <paramref name="processId"/> names, or the only one running when it is null; null with the reason
    /// (none running, that pid not running, several and no pid) otherwise.
    /// </summary>
    public static SandboxState? Find(string root, int? processId, out string? reason)
    {
        var running = Running(root);
        reason = null;
        if (processId is { } pid)
        {
            var match = running.FirstOrDefault(s => s.ProcessId == pid);
            if (match is null)
                reason = running.Count == 0
                    ? $"no sandbox is running (asked for pid {pid}). Start one with: lineagent sandbox"
                    : $"no sandbox with pid {pid} is running (running: {Pids(running)})";
            return match;
        }
        switch (running.Count)
        {
            case 1:
                return running[0];
            case 0:
                reason = $"no sandbox is running (nothing in {RecordsIn(root)}). Start one with: lineagent sandbox";
                return null;
            default:
                reason = $"{running.Count} sandboxes are running ({Pids(running)}): pick one with --sandbox PID";
                return null;
        }
    }

    /// <summary>Removes <paramref name="processId"/>'s record if it still names its sandbox in <paramref name="directory"/>.</summary>
    public static void Remove(string root, int processId, string directory)
    {
        var path = RecordPath(root, processId);
        if (TryRead(path) is { } state && state.Directory == directory)
            TryDelete(path);
    }

    public static string Pids(IEnumerable<SandboxState> sandboxes) =>
        string.Join(", ", sandboxes.Select(s => s.ProcessId.ToString(CultureInfo.InvariantCulture)));

    private static string RecordPath(string root, int processId) =>
        Path.Combine(RecordsIn(root), processId.ToString(CultureInfo.InvariantCulture) + ".json");

    private static SandboxState? TryRead(string path)
    {
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            return new SandboxState((int)json["pid"]!, (string)json["directory"]!, (string)json["chatDb"]!, (string)json["address"]!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException
                                       or InvalidOperationException or NullReferenceException or FormatException)
        {
            return null; // half-written or foreign: not a sandbox we can talk to
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another user's or already gone: ignoring it is enough.
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
