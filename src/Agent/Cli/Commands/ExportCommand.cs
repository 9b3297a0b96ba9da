using System.CommandLine;
using Microsoft.Extensions.Configuration;
using System.Globalization;
using System.Runtime.CompilerServices;
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

    /// <summary>Rows per chat.db read (one query each for the rows, their chats and attachments), handed over to the
    /// writing thread as one batch; how many such batches the reader may be ahead: enough to keep reading while the
    /// writing thread compiles its per-row code at the start (tens of milliseconds), a few MB in all.</summary>
    private const int ReadBatch = 1000, ReadAheadBatches = 8;

    public Verb Build()
    {
        var after = CliOptions.Number("--after-rowid", "only rows with ROWID > N (default 0: from the start)", 0L, long.MaxValue, 0L);
        var limit = CliOptions.Number("--limit", "at most N rows (default: all)", 1, int.MaxValue, int.MaxValue);
        var verb = new Verb("export", "Print chat.db messages as JSON Lines (one object per message row, ROWID order)")
        {
            MakeDetails = () => $"""
                {KeyList()} (null where unset).

                Examples:
                  lineagent export > messages.jsonl
                  lineagent export --chat-db ./chat.db --after-rowid 120000 --limit 500
                """,
        };
        verb.Options.Add(after);
        verb.Options.Add(limit);
        var configuration = ConfigurationOptions.AddTo(verb, "--chat-db");
        verb.SetAction((parse, cancellationToken) =>
        {
            // The one setting export uses, read by its key: binding every agent option (reflection) took ~12 ms of each
            // export's start-up.
            var chatDb = configuration.Build(parse).GetSection(AgentOptions.Section)[nameof(AgentOptions.ChatDbPath)]
                ?? AgentPaths.DefaultChatDbPath();
            return Task.FromResult(Run(AgentPaths.FullPath(chatDb, ChatDbKey), parse.GetValue(after), parse.GetValue(limit), cancellationToken));
        });
        return verb;
    }

    private const string ChatDbKey = AgentOptions.Section + ":" + nameof(AgentOptions.ChatDbPath);

    private int Run(string path, long after, int limit, CancellationToken cancellationToken)
    {
        // The export's one connection is used by one thread at a time (opened here, read on the read-ahead thread):
        // no SQLite mutex per column read (a no-op when something in this process already opened SQLite, e.g. in tests).
        LineAgent.ChatDbReader.ChatDb.TryUseSingleThreadedConnections();
        try
        {
            using var db = new ChatDbSource(path).Open(new ChatDbOptions { DecodeAllBodies = false, BatchSize = ReadBatch });
            var total = _progress ? Math.Max(0, db.MaxMessageRowId() - after) : 0;
            using var stdout = _openStdout();
            // Lines collect in one buffer written out in chunks: one write() per chunk, not per row.
            using var lines = new JsonLineWriter(stdout);

            long count = 0;
            var lastReport = Environment.TickCount64;
            // chat.db is read on its own thread, a few batches ahead, while this one writes them as JSON.
            foreach (var batch in ReadAhead.Of(db.ReadMessageRowsAfter(after, limit), ReadAheadBatches, cancellationToken))
            using (batch)
            {
                WriteLines(batch, lines);
                count += batch.Count;
                if (_progress && Environment.TickCount64 - lastReport > 500)
                {
                    lastReport = Environment.TickCount64;
                    _stderr.Write(string.Create(CultureInfo.InvariantCulture,
                        $"\rexport: {count:N0} rows (ROWID {batch.LastRowId:N0} of ~{total + after:N0})"));
                }
            }
            lines.Flush();
            stdout.Flush();
            if (_progress)
                _stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\rexport: {count:N0} rows done."));
            return 0;
        }
        catch (ChatDbOpenException ex)
        {
            _stderr.WriteLine($"lineagent export: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The per-row code, reading and writing (optimized at once, so not precompiled), compiled; the methods.</summary>
    internal static IReadOnlyList<System.Reflection.MethodInfo> CompileRowCode() =>
        [.. MessageRowBatch.CompileRowCode(), .. MessageJsonWriter.CompileRowCode(), .. OptimizedCode.Compile(typeof(ExportCommand))];

    /// <summary>
    /// Starts <see cref="CompileRowCode"/> on a thread of its own, when the process starts: on the other core while the
    /// main one builds the verbs, reads the configuration and opens chat.db (~60 ms), instead of on the writing thread once
    /// the first batch is in, while the reader, its batches filled, waits (~60 ms of the export's start-up).
    /// </summary>
    internal static void CompileRowCodeAhead() =>
        new Thread(() =>
        {
            try
            {
                CompileRowCode();
            }
            catch (Exception)
            {
                // Only ahead of time: whatever was not compiled here compiles on its first call, as it would anyway.
            }
        })
        { IsBackground = true, Name = "compile-ahead" }.Start();

    /// <summary>
    /// The batch's rows as JSON lines. Rows are read in place: their texts go from SQLite's bytes into the JSON, no
    /// record or string made. Compiled fully optimized at once, as are the per-row methods it calls: the export is one
    /// short process, which would otherwise run their precompiled (ReadyToRun) code for much of its run, until tiered
    /// compilation replaces it, and never for this loop (precompiled code is not replaced in a running loop).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteLines(MessageRowBatch batch, JsonLineWriter lines)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            MessageJsonWriter.Write(lines, batch.Row(i));
            lines.EndLine();
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
}
