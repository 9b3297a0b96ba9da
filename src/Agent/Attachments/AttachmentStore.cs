using System.Collections.Concurrent;
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

    // Uploads being received now: their .incoming files are not leftovers.
    private readonly ConcurrentDictionary<string, byte> _active = new(StringComparer.Ordinal);

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
        PrivateFile.CreatePrivateDirectory(Directory); // the mode applies to the last component only
        PrivateFile.CreatePrivateDirectory(incoming);
        var id = "att_" + Guid.NewGuid().ToString("N");
        _active[id] = 0;
        try
        {
            return new UploadWriter(this, id, spec, System.IO.Path.Combine(incoming, id + ".part"));
        }
        catch
        {
            _active.TryRemove(id, out _);
            throw;
        }
    }

    internal void Ended(string id) => _active.TryRemove(id, out _);

    /// <summary>
    /// Deletes what interrupted uploads left (a process killed mid-upload or between moving the file and writing
    /// its metadata): .incoming files and id folders without metadata, except those of uploads running now.
    /// Returns how many entries were removed.
    /// </summary>
    public int RemoveInterrupted()
    {
        var removed = 0;
        var incoming = System.IO.Path.Combine(Directory, ".incoming");
        if (System.IO.Directory.Exists(incoming))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(incoming))
            {
                if (_active.ContainsKey(System.IO.Path.GetFileNameWithoutExtension(file)))
                    continue;
                File.Delete(file);
                removed++;
            }
        }
        if (System.IO.Directory.Exists(Directory))
        {
            foreach (var folder in System.IO.Directory.EnumerateDirectories(Directory))
            {
                var id = System.IO.Path.GetFileName(folder);
                if (!IsWellFormedId(id) || _active.ContainsKey(id) || File.Exists(System.IO.Path.Combine(Directory, id + ".json")))
                    continue;
                System.IO.Directory.Delete(folder, recursive: true);
                removed++;
            }
        }
        return removed;
    }

    /// <summary>
    /// Deletes uploads completed before <paramref name="completedBefore"/> whose id is not in
    /// <paramref name="keep"/> (uploads a pending send still needs). Returns how many were deleted.
    /// </summary>
    public int RemoveExpired(DateTimeOffset completedBefore, IReadOnlySet<string> keep)
    {
        if (!System.IO.Directory.Exists(Directory))
            return 0;
        var removed = 0;
        foreach (var metaPath in System.IO.Directory.EnumerateFiles(Directory, "att_*.json"))
        {
            var id = System.IO.Path.GetFileNameWithoutExtension(metaPath);
            if (!IsWellFormedId(id) || keep.Contains(id))
                continue;
            StoredAttachment? stored;
            try
            {
                stored = JsonSerializer.Deserialize<StoredAttachment>(File.ReadAllText(metaPath), Json);
            }
            catch (JsonException)
            {
                stored = null; // unreadable metadata: the upload cannot be sent anyway
            }
            if (stored is not null && stored.UploadedAt >= completedBefore)
                continue;
            // Metadata first: without it the id no longer exists, so a send never finds a half-deleted upload.
            File.Delete(metaPath);
            var folder = System.IO.Path.Combine(Directory, id);
            if (System.IO.Directory.Exists(folder))
                System.IO.Directory.Delete(folder, recursive: true);
            removed++;
        }
        return removed;
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
        PrivateFile.CreatePrivateDirectory(folder);
        var finalPath = System.IO.Path.Combine(folder, spec.FileName);
        File.Move(partPath, finalPath);
        var stored = new StoredAttachment(id, spec.FileName, spec.MimeType, spec.SizeBytes, spec.Sha256, finalPath, time.GetUtcNow());
        // Metadata last: its presence is what makes the id exist.
        PrivateFile.WriteAllText(System.IO.Path.Combine(Directory, id + ".json"), JsonSerializer.Serialize(stored, Json));
        return stored;
    }
}
