using LineAgent.Agent.Configuration;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Attachments;

/// <summary>
/// Decides which received-attachment paths may be served. chat.db's attachment.filename is data written by
/// Messages (and, indirectly, by whoever sent the file), so it is treated as untrusted: it is expanded
/// ("~/…"), made absolute, its symbolic links resolved component by component, and it must then lie under
/// ~/Library/Messages/Attachments or <see cref="AttachmentOptions.ReceivedRoot"/> (also resolved).
/// </summary>
public sealed class ReceivedAttachmentPaths
{
    private const int MaxLinkHops = 40;
    private readonly IReadOnlyList<string> _roots;

    public ReceivedAttachmentPaths(IOptions<AttachmentOptions> options)
    {
        var roots = new List<string> { Path.Combine(AgentPaths.Home, "Library", "Messages", "Attachments") };
        if (!string.IsNullOrWhiteSpace(options.Value.ReceivedRoot))
            roots.Add(AgentPaths.ExpandHome(options.Value.ReceivedRoot));
        _roots = roots;
    }

    /// <summary>The allowed roots as configured (before symlink resolution).</summary>
    public IReadOnlyList<string> Roots => _roots;

    /// <summary>The real path of an existing file under an allowed root, or null.</summary>
    public string? Resolve(string? chatDbPath)
    {
        if (string.IsNullOrWhiteSpace(chatDbPath) || chatDbPath.Contains('\0'))
            return null;
        var expanded = AgentPaths.ExpandHome(chatDbPath);
        if (!Path.IsPathFullyQualified(expanded))
            return null;
        var real = RealPath(expanded);
        if (real is null || !File.Exists(real))
            return null;
        foreach (var root in _roots)
        {
            var realRoot = RealPath(root);
            if (realRoot is null)
                continue;
            var prefix = realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar;
            if (real.StartsWith(prefix, StringComparison.Ordinal))
                return real;
        }
        return null;
    }

    /// <summary>
    /// The canonical path: ".." and "." folded, every symbolic link along the way replaced by its target.
    /// Null when a link loop or an unreadable link is met. Components that do not exist are kept as they are.
    /// </summary>
    public static string? RealPath(string path)
    {
        var pending = new Stack<string>(Path.GetFullPath(path).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = Path.GetPathRoot(Path.GetFullPath(path)) ?? "/";
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
                continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is { } target)
            {
                if (++hops > MaxLinkHops)
                    return null;
                // Re-walk the link's target (relative targets are relative to the link's folder).
                var absolute = Path.GetFullPath(target, current);
                foreach (var piece in absolute.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
                    pending.Push(piece);
                current = Path.GetPathRoot(absolute) ?? "/";
                continue;
            }
            current = next;
        }
        return current;
    }
}
