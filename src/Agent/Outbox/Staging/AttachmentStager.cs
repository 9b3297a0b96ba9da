using LineAgent.Agent.Attachments;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox.Staging;

/// <summary>
/// Copies files to &lt;StagingDirectory&gt;/&lt;uuid&gt;/&lt;sanitized name&gt; — under ~/Library/Messages/Attachments by
/// default, because Messages' sandbox reads only its own containers (BlueBubbles and imsg stage the same way).
/// </summary>
public sealed class AttachmentStager(IOptions<OutboxOptions> options)
{
    private readonly string _root = Path.GetFullPath(options.Value.StagingDirectory);

    /// <summary>The staging root.</summary>
    public string Root => _root;

    /// <summary>Copies <paramref name="sourcePath"/> and returns the staged absolute path.</summary>
    public string Stage(string sourcePath, string fileName)
    {
        var destination = Destination(fileName);
        File.Copy(sourcePath, destination);
        return destination;
    }

    /// <summary>Writes <paramref name="content"/> as a staged file and returns its absolute path.</summary>
    public string Stage(ReadOnlySpan<byte> content, string fileName)
    {
        var destination = Destination(fileName);
        using var stream = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
        stream.Write(content);
        return destination;
    }

    /// <summary>Deletes a staged file and its uuid directory; paths outside the staging root are ignored.</summary>
    public void Remove(string stagedPath)
    {
        var full = Path.GetFullPath(stagedPath);
        var directory = Path.GetDirectoryName(full);
        if (directory is null || !IsInsideRoot(directory) || Path.GetFullPath(directory) == _root)
            return;
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private string Destination(string fileName)
    {
        var directory = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var destination = Path.GetFullPath(Path.Combine(directory, AttachmentFileNames.Sanitize(fileName)));
        // Sanitize leaves one plain component; this is the belt to its braces against path traversal.
        if (Path.GetDirectoryName(destination) != directory)
            throw new InvalidOperationException("A staged file name resolved outside its staging directory.");
        return destination;
    }

    private bool IsInsideRoot(string path) =>
        Path.GetFullPath(path).StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
