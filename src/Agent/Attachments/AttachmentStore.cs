using System.Text.Json;
using System.Text.RegularExpressions;
using LineAgent.Agent.Configuration;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Attachments;

/// <summary>
/// Keeps uploaded files under the upload directory: &lt;dir&gt;/&lt;id&gt;/&lt;file name&gt; plus &lt;dir&gt;/&lt;id&gt;.json
/// (metadata). Bytes are written to &lt;dir&gt;/.incoming/&lt;id&gt;.part and moved into place only after the size
/// and SHA-256 matched, so a half or corrupt upload is never visible under an id.
/// </summary>
public sealed partial class AttachmentStore(IOptions<AttachmentOptions> options, IOptions<AgentOptions> agentOptions, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The upload directory (created on first use).</summary>
    public string Directory { get; } = string.IsNullOrWhiteSpace(options.Value.UploadDirectory)
        ? System.IO.Path.Combine(agentOptions.Value.StateDirectory, "uploads")
        : AgentPaths.ExpandHome(options.Value.UploadDirectory);

    /// <summary>Largest upload accepted, in bytes.</summary>
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    [GeneratedRegex("^att_[0-9a-f]{32}\\z")]
    private static partial Regex IdPattern();

    /// <summary>True when <paramref name="id"/> has the shape of an attachment id (it may still not exist).</summary>
    public static bool IsWellFormedId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>Starts an upload; dispose the writer without completing it to discard the bytes.</summary>
    public UploadWriter Begin(UploadSpec spec)
    {
        var incoming = System.IO.Path.Combine(Directory, ".incoming");
        System.IO.Directory.CreateDirectory(incoming);
        var id = "att_" + Guid.NewGuid().ToString("N");
        return new UploadWriter(this, id, spec, System.IO.Path.Combine(incoming, id + ".part"));
    }

    /// <summary>The upload with this id, or null when there is none (or the id is malformed).</summary>
    public StoredAttachment? Find(string? id)
    {
        if (!IsWellFormedId(id))
            return null;
        var metaPath = System.IO.Path.Combine(Directory, id + ".json");
        if (!File.Exists(metaPath))
            return null;
        var stored = JsonSerializer.Deserialize<StoredAttachment>(File.ReadAllText(metaPath), Json);
        return stored is not null && File.Exists(stored.Path) ? stored : null;
    }

    internal StoredAttachment Commit(string id, UploadSpec spec, string partPath)
    {
        var folder = System.IO.Path.Combine(Directory, id);
        System.IO.Directory.CreateDirectory(folder);
        var finalPath = System.IO.Path.Combine(folder, spec.FileName);
        File.Move(partPath, finalPath);
        var stored = new StoredAttachment(id, spec.FileName, spec.MimeType, spec.SizeBytes, spec.Sha256, finalPath, time.GetUtcNow());
        // Metadata last: its presence is what makes the id exist.
        var metaTemp = System.IO.Path.Combine(Directory, ".incoming", id + ".json");
        File.WriteAllText(metaTemp, JsonSerializer.Serialize(stored, Json));
        File.Move(metaTemp, System.IO.Path.Combine(Directory, id + ".json"));
        return stored;
    }
}
