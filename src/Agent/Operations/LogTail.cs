using System.Text;

namespace LineAgent.Agent.Operations;

/// <summary>
/// `tail`/`tail -F` for the agent's log files, in-process so it behaves the same everywhere and needs no runner.
/// Files are opened with FileShare.ReadWrite|Delete because launchd keeps appending to them.
/// </summary>
/// <param name="paths">The files, printed in this order with a "==&gt; path &lt;==" header each.</param>
/// <param name="output">Where lines go.</param>
/// <param name="delay">Waits between polls while following. Default: Task.Delay.</param>
public sealed class LogTail(IReadOnlyList<string> paths, TextWriter output, Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    /// <summary>How often --follow looks for new data.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    // Only the end of a large file is read: enough for any sensible --lines on JSON log lines.
    private const int MaxTailBytes = 4 * 1024 * 1024;

    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;
    private readonly Dictionary<string, long> _positions = new(StringComparer.Ordinal);
    private string? _lastHeader;

    /// <summary>Prints the last <paramref name="lines"/> lines of each existing file and remembers where each ends.</summary>
    public void PrintLast(int lines)
    {
        foreach (var path in paths)
        {
            if (!File.Exists(path)) { _positions[path] = 0; continue; }
            using var stream = Open(path);
            var start = Math.Max(0, stream.Length - MaxTailBytes);
            stream.Position = start;
            var text = ReadToEnd(stream, out var end);
            _positions[path] = end;
            var all = text.Split('\n');
            var complete = all.Length > 0 && all[^1].Length == 0 ? all[..^1] : all;
            if (start > 0 && complete.Length > 0) complete = complete[1..]; // first line is cut
            var selected = complete.Skip(Math.Max(0, complete.Length - lines)).ToArray();
            Header(path);
            foreach (var line in selected) output.WriteLine(line.TrimEnd('\r'));
        }
    }

    /// <summary>Polls every <see cref="PollInterval"/> and prints appended text until cancelled. A file that shrank was
    /// rotated or truncated: it is read again from the start.</summary>
    public async Task FollowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var path in paths)
            {
                if (!File.Exists(path)) continue;
                using var stream = Open(path);
                var position = _positions.GetValueOrDefault(path);
                if (stream.Length < position) position = 0;
                if (stream.Length == position) continue;
                stream.Position = position;
                var text = ReadToEnd(stream, out var end);
                _positions[path] = end;
                Header(path);
                output.Write(text);
                await output.FlushAsync(cancellationToken);
            }
            await _delay(PollInterval, cancellationToken);
        }
    }

    private void Header(string path)
    {
        if (_lastHeader == path || paths.Count < 2) return;
        output.WriteLine($"==> {path} <==");
        _lastHeader = path;
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    private static string ReadToEnd(FileStream stream, out long end)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var text = reader.ReadToEnd();
        end = stream.Position;
        return text;
    }
}
