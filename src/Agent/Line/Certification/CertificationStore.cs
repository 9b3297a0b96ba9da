using System.Text.Json;
using System.Text.Json.Serialization;
using LineAgent.Agent.Configuration;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Line.Certification;

/// <summary>
/// The one door to &lt;state dir&gt;/certification.json (0600): per build (<see cref="CertificationBuild"/>), per
/// capability, what `lineagent certify` proved. Only this class reads or writes the file; the agent is its only writer
/// (certify records through the RecordCertification RPC), so the file is read once and then kept in memory.
/// </summary>
public sealed class CertificationStore(IOptions<AgentOptions> agent, TimeProvider time)
{
    /// <summary>The file name in the state directory.</summary>
    public const string FileName = "certification.json";

    private readonly Lock _lock = new();
    private CertificationFile? _file;

    /// <summary>Where the record is kept.</summary>
    public string FilePath => Path.Combine(Path.GetFullPath(AgentPaths.ExpandHome(agent.Value.StateDirectory)), FileName);

    /// <summary>The certification of <paramref name="capability"/> on <paramref name="build"/> (unverified when none is kept).</summary>
    public CapabilityCertification For(string build, LineCapability capability)
    {
        lock (_lock)
        {
            var file = Load();
            return file.Builds.TryGetValue(build, out var entries) && entries.TryGetValue(capability.ToString(), out var e)
                ? new CapabilityCertification(capability, e.State, build, e.CertifiedAt, e.Detail, e.ReportPath)
                : CapabilityCertification.Unverified(capability, build);
        }
    }

    /// <summary>Keeps a run's outcomes for <paramref name="build"/>; capabilities not listed keep their earlier record.</summary>
    public void Record(string build, string reportPath, IReadOnlyList<(LineCapability Capability, CertificationState State, string Detail)> results)
    {
        lock (_lock)
        {
            var file = Load();
            if (!file.Builds.TryGetValue(build, out var entries))
                file.Builds[build] = entries = [];
            var at = time.GetUtcNow();
            foreach (var (capability, state, detail) in results)
                entries[capability.ToString()] = new CertificationEntry(state, at, detail, reportPath);
            PrivateFile.WriteAllText(FilePath, JsonSerializer.Serialize(file, CertificationJsonContext.Default.CertificationFile));
            _file = file;
        }
    }

    private CertificationFile Load()
    {
        if (_file is not null)
            return _file;
        var path = FilePath;
        CertificationFile? file = null;
        if (File.Exists(path))
        {
            try
            {
                file = JsonSerializer.Deserialize(File.ReadAllText(path), CertificationJsonContext.Default.CertificationFile);
            }
            catch (JsonException)
            {
                // A damaged record proves nothing: every capability reads unverified until certify runs again and rewrites it.
            }
        }
        return _file = file ?? new CertificationFile();
    }
}

/// <summary>certification.json: build → capability name → entry.</summary>
internal sealed class CertificationFile
{
    public Dictionary<string, Dictionary<string, CertificationEntry>> Builds { get; set; } = [];
}

internal sealed record CertificationEntry(
    [property: JsonConverter(typeof(JsonStringEnumConverter<CertificationState>))] CertificationState State,
    DateTimeOffset CertifiedAt, string Detail, string ReportPath);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(CertificationFile))]
internal sealed partial class CertificationJsonContext : JsonSerializerContext;
