using System.Text.RegularExpressions;
using LineAgent.Agent.Configuration;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Line;

/// <summary>
/// The line's stable id: Agent:LineId when configured, else the one generated on first use and kept in
/// &lt;state dir&gt;/line-id (0600) so it survives restarts and upgrades. A damaged file is never silently replaced
/// (the central API would see a new line): it fails with the fix.
/// </summary>
public sealed class LineIdSource(IOptions<AgentOptions> agent)
{
    /// <summary>The file name in the state directory.</summary>
    public const string FileName = "line-id";

    private static readonly Regex Valid = new(AgentOptions.LineIdPattern, RegexOptions.CultureInvariant);
    private readonly Lock _lock = new();
    private string? _id;

    /// <summary>The id (read or generated once per process).</summary>
    /// <exception cref="InvalidOperationException">The line-id file exists but does not hold a valid id.</exception>
    public string Get()
    {
        lock (_lock)
            return _id ??= Resolve();
    }

    private string Resolve()
    {
        if (!string.IsNullOrWhiteSpace(agent.Value.LineId))
            return agent.Value.LineId;
        var path = Path.Combine(Path.GetFullPath(AgentPaths.ExpandHome(agent.Value.StateDirectory)), FileName);
        if (File.Exists(path))
        {
            var stored = File.ReadAllText(path).Trim();
            return Valid.IsMatch(stored)
                ? stored
                : throw new InvalidOperationException(
                    $"{path} does not hold a valid line id; restore it from a backup, or set Agent:LineId to the id the central API knows.");
        }
        var id = "line-" + Guid.NewGuid().ToString("N");
        // Never replaced: if another process wrote an id first this throws IOException, rather than give the line a second id.
        PrivateFile.WriteAllText(path, id + "\n", replace: false);
        return id;
    }
}
