using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Events;
using LineAgent.ChatDbReader;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>
/// `lineagent export`: every message row of chat.db as JSON Lines on stdout (the <see cref="MessageData"/> shape), in
/// ROWID order, streaming with flat memory. Progress goes to stderr, only when stderr is a terminal.
/// </summary>
public sealed class ExportCommand : ICommand
{
    private readonly Func<Stream> _openStdout;
    private readonly TextWriter _stderr;
    private readonly bool _progress;

    /// <summary>Writes to the process's stdout/stderr; progress when stderr is a terminal.</summary>
    public ExportCommand() : this(Console.OpenStandardOutput, Console.Error, !Console.IsErrorRedirected) { }

    /// <summary>For tests and embedding: where the JSON lines and messages go.</summary>
    public ExportCommand(Func<Stream> openStdout, TextWriter stderr, bool progress)
    {
        _openStdout = openStdout;
        _stderr = stderr;
        _progress = progress;
    }

    /// <summary>Bytes of output collected before one write to stdout.</summary>
    private const int OutputChunk = 64 * 1024;

    public string Name => "export";

    public string Summary => "Print chat.db messages as JSON Lines (one object per message row, ROWID order)";

    public string Usage => $"""
        usage: lineagent export [--chat-db PATH] [--after-rowid N] [--limit N]

          --chat-db PATH    Messages' database, opened read-only (default: ~/Library/Messages/chat.db)
          --after-rowid N   only rows with ROWID > N (default 0: from the start)
          --limit N         at most N rows (default: all)

        {KeyList()} (null where unset).

        examples:
          lineagent export > messages.jsonl
          lineagent export --chat-db ./chat.db --after-rowid 120000 --limit 500
        """;

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (path, after, limit) = Parse(args);
        // The export owns its one connection on this thread: no SQLite mutex per column read (a no-op when
        // something in this process already opened SQLite, e.g. in tests).
        LineAgent.ChatDbReader.ChatDb.TryUseSingleThreadedConnections();
        try
        {
            using var db = new ChatDbSource(path).Open(new ChatDbOptions { DecodeAllBodies = false, BatchSize = 1000 });
            var total = _progress ? Math.Max(0, db.MaxMessageRowId() - after) : 0;
            using var stdout = _openStdout();
            // Lines collect in one buffer written out in 64 KB chunks: one write() per chunk, not per row.
            var buffer = new ArrayBufferWriter<byte>(OutputChunk + 16 * 1024);
            using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
            {
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,   // emoji and accents stay readable; still valid JSON
                SkipValidation = true,
            });

            long count = 0;
            var lastReport = Environment.TickCount64;
            foreach (var message in db.ReadMessagesAfter(after, limit))
            {
                cancellationToken.ThrowIfCancellationRequested();
                MessageJsonWriter.Write(writer, message);
                writer.Flush();                 // into the buffer only
                writer.Reset();
                buffer.GetSpan(1)[0] = (byte)'\n';
                buffer.Advance(1);
                if (buffer.WrittenCount >= OutputChunk)
                {
                    stdout.Write(buffer.WrittenSpan);
                    buffer.ResetWrittenCount();
                }
                count++;
                if (_progress && Environment.TickCount64 - lastReport > 500)
                {
                    lastReport = Environment.TickCount64;
                    _stderr.Write(string.Create(CultureInfo.InvariantCulture,
                        $"\rexport: {count:N0} rows (ROWID {message.RowId:N0} of ~{total + after:N0})"));
                }
            }
            stdout.Write(buffer.WrittenSpan);
            stdout.Flush();
            if (_progress)
                _stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\rexport: {count:N0} rows done."));
            return Task.FromResult(0);
        }
        catch (ChatDbOpenException ex)
        {
            _stderr.WriteLine($"lineagent export: {ex.Message}");
            return Task.FromResult(1);
        }
    }

    /// <summary>The message keys, in written order, wrapped at 104 columns.</summary>
    private static string KeyList()
    {
        var text = new System.Text.StringBuilder("Each line has the keys");
        var column = text.Length;
        for (var i = 0; i < EventJson.MessageKeys.Count; i++)
        {
            var item = " " + EventJson.MessageKeys[i] + (i < EventJson.MessageKeys.Count - 1 ? "," : "");
            if (column + item.Length > 104)
            {
                text.Append('\n');
                item = item[1..];
                column = 0;
            }
            text.Append(item);
            column += item.Length;
        }
        return text.ToString();
    }

    private static (string Path, long After, int Limit) Parse(string[] args)
    {
        string? path = null;
        long after = 0;
        var limit = int.MaxValue;
        for (var i = 0; i < args.Length; i++)
        {
            var flag = args[i];
            string Value() => i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new UsageException($"{flag} needs a value");
            switch (flag)
            {
                case "--chat-db":
                    path = Value();
                    break;
                case "--after-rowid":
                    var a = Value();
                    if (!long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out after))
                        throw new UsageException($"--after-rowid must be a non-negative integer, got '{a}'");
                    break;
                case "--limit":
                    var l = Value();
                    if (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit == 0)
                        throw new UsageException($"--limit must be a positive integer, got '{l}'");
                    break;
                default:
                    throw new UsageException($"unknown argument '{flag}'");
            }
        }
        return (path ?? AgentPaths.DefaultChatDbPath(), after, limit);
    }
}
