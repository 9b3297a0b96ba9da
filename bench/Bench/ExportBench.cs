using LineAgent.Agent.Cli;
using System.Diagnostics;
using System.Globalization;
using LineAgent.Agent.Cli.Commands;
using LineAgent.FakeChatDb;
using Microsoft.Data.Sqlite;

namespace LineAgent.Bench;

/// <summary>
/// `export`: builds a chat.db of N messages (default 1,000,000: ~30% body-only rows, 5% tapbacks, 2% attachments),
/// then times `lineagent export` (to a null stream) against a raw SELECT of the same columns, and samples memory
/// during exports of 250k and all rows to show it stays flat. Targets: export within 2x of the raw scan, flat memory.
/// Options: --rows N, --db PATH (reused when it already has N rows), --regenerate.
/// </summary>
internal static class ExportBench
{
    public static int Run(string[] args)
    {
        var rows = 1_000_000;
        var path = Path.Combine(Path.GetTempPath(), "lineagent-bench", "chat-export.db");
        var regenerate = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--db": path = args[++i]; break;
                case "--regenerate": regenerate = true; break;
                default: Console.Error.WriteLine($"export bench: unknown option {args[i]}"); return 2;
            }
        }

        if (regenerate || CountRows(path) != rows)
        {
            var sw = Stopwatch.StartNew();
            Generate(path, rows);
            Console.WriteLine($"generated {rows:N0} messages in {sw.Elapsed.TotalSeconds:F1} s ({rows / sw.Elapsed.TotalSeconds:N0} rows/s), {new FileInfo(path).Length / 1e6:F0} MB");
        }
        GC.Collect();

        RawScan(path);                                   // warm the page cache
        var raw = Time(() => RawScan(path));
        Console.WriteLine($"raw SELECT (same columns, chats, attachments): {raw.Elapsed.TotalSeconds:F2} s, {rows / raw.Elapsed.TotalSeconds:N0} rows/s");

        var quarter = Math.Min(250_000, rows);
        var small = Time(() => Export(path, quarter));
        Console.WriteLine($"export {quarter:N0} rows: {small.Elapsed.TotalSeconds:F2} s, peak working set {small.PeakWorkingSetMb:F0} MB, peak GC heap {small.PeakHeapMb:F0} MB");
        var full = Time(() => Export(path, int.MaxValue));
        Console.WriteLine($"export {rows:N0} rows: {full.Elapsed.TotalSeconds:F2} s, {rows / full.Elapsed.TotalSeconds:N0} rows/s, peak working set {full.PeakWorkingSetMb:F0} MB, peak GC heap {full.PeakHeapMb:F0} MB");
        var ratio = full.Elapsed.TotalSeconds / raw.Elapsed.TotalSeconds;
        Console.WriteLine($"export / raw SELECT time ratio: {ratio:F2} (target ≤ 2.0) {(ratio <= 2.0 ? "OK" : "OVER")}");
        Console.WriteLine($"memory 250k vs {rows / 1000:N0}k: working set {small.PeakWorkingSetMb:F0} vs {full.PeakWorkingSetMb:F0} MB, GC heap {small.PeakHeapMb:F0} vs {full.PeakHeapMb:F0} MB");
        return 0;
    }

    private static void Export(string path, int limit)
    {
        var command = new ExportCommand(() => Stream.Null, TextWriter.Null, progress: false);
        var code = command.RunAsync(["--chat-db", path, "--limit", limit.ToString(CultureInfo.InvariantCulture)], CancellationToken.None).GetAwaiter().GetResult();
        if (code != 0) throw new InvalidOperationException($"export exited {code}");
    }

    /// <summary>The same message columns and joins the reader selects, every value read, nothing decoded or written.</summary>
    private static void RawScan(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        c.Open();
        long sink = 0;
        foreach (var sql in new[]
        {
            """
            SELECT m.ROWID, m.guid, m.text, m.attributedBody, m.service, m.is_from_me, m.handle_id, h.id, m.date,
                   m.date_delivered, m.date_read, m.date_edited, m.date_retracted, m.is_sent, m.is_delivered, m.is_read,
                   m.is_finished, m.error, m.is_empty, m.part_count, m.message_summary_info, m.item_type,
                   m.group_action_type, m.group_title, oh.id, m.associated_message_type, m.associated_message_guid,
                   m.associated_message_emoji, m.thread_originator_guid, m.thread_originator_part, m.balloon_bundle_id,
                   m.destination_caller_id, m.expressive_send_style_id
            FROM message m LEFT JOIN handle h ON h.ROWID = m.handle_id LEFT JOIN handle oh ON oh.ROWID = m.other_handle
            ORDER BY m.ROWID
            """,
            "SELECT j.message_id, c.guid FROM chat_message_join j JOIN chat c ON c.ROWID = j.chat_id ORDER BY j.message_id, j.chat_id",
            "SELECT j.message_id, a.ROWID, a.guid, a.transfer_name, a.mime_type, a.uti, a.total_bytes, a.filename, a.transfer_state, a.is_outgoing, a.is_sticker FROM message_attachment_join j JOIN attachment a ON a.ROWID = j.attachment_id ORDER BY j.message_id, j.ROWID",
        })
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            while (r.Read())
                for (var i = 0; i < r.FieldCount; i++)
                    sink += r.GetValue(i) is byte[] b ? b.Length : 1;
        }
        GC.KeepAlive(sink);
    }

    private static void Generate(string path, int rows)
    {
        using var db = FakeChatDatabase.CreateForBulkLoad(path, SchemaVariant.Sequoia);
        db.Execute("PRAGMA synchronous=OFF;");
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(42);
        var chats = new List<(FakeChat Chat, string Member)>();
        for (var i = 0; i < 40; i++)
        {
            var handle = "+1415555" + i.ToString("0000", CultureInfo.InvariantCulture);
            chats.Add((db.EnsureDirectChat(handle), handle));
        }
        for (var i = 0; i < 10; i++)
        {
            var members = Enumerable.Range(0, 4).Select(k => "+1415555" + ((i * 4 + k) % 40).ToString("0000", CultureInfo.InvariantCulture)).ToList();
            chats.Add((db.CreateGroupChat(members, $"Group {i}"), members[0]));
        }

        var recent = new string[64];
        var written = 0;
        while (written < rows)
        {
            using (db.Batch())
            {
                var end = Math.Min(rows, written + 50_000);
                for (; written < end; written++)
                {
                    var (chat, member) = chats[random.Next(chats.Count)];
                    var date = start.AddSeconds(written * 7);
                    var fromMe = random.Next(3) == 0;
                    var roll = random.Next(100);
                    FakeMessage m;
                    if (roll < 5 && written > 64)
                        m = db.InsertTapback(chat, recent[random.Next(recent.Length)], (TapbackKind)random.Next(8), fromMe ? null : member,
                            emoji: "\U0001F44D", date: date);
                    else if (roll < 7)
                        m = db.SendAttachment(chat, new NewAttachment { TransferName = $"IMG_{written}.jpeg", TotalBytes = random.Next(1 << 20) },
                            fromMe ? null : member, caption: roll == 6 ? "look at this" : null, bodyOnly: true, date: date).Message;
                    else
                    {
                        var text = Sentence(random, written);
                        m = db.InsertMessage(new NewMessage
                        {
                            Text = text, BodyOnly = roll < 35, Chats = [chat], IsFromMe = fromMe, IsSent = fromMe,
                            IsDelivered = fromMe, Handle = fromMe ? (chat.IsGroup ? null : member) : member,
                            Service = chat.Service, Date = date, DateDelivered = fromMe ? date.AddSeconds(1) : null,
                            IsRead = !fromMe, DateRead = fromMe ? null : date.AddMinutes(1),
                        });
                    }
                    recent[written % recent.Length] = m.Guid;
                }
            }
        }
        db.CreateIndexes();
        db.Checkpoint();
    }

    private static readonly string[] Words =
        ["ok", "see", "you", "at", "the", "station", "tomorrow", "lunch", "maybe", "café", "thanks!", "running late", "🎉", "call me", "where", "are", "we", "meeting"];

    private static string Sentence(Random random, int seed)
    {
        var n = 3 + random.Next(20);
        return string.Join(' ', Enumerable.Range(0, n).Select(_ => Words[random.Next(Words.Length)])) + " #" + seed.ToString(CultureInfo.InvariantCulture);
    }

    private static long CountRows(string path)
    {
        if (!File.Exists(path)) return -1;
        try
        {
            using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM message";
            return (long)cmd.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return -1;
        }
    }

    private sealed record Measurement(TimeSpan Elapsed, double PeakWorkingSetMb, double PeakHeapMb);

    /// <summary>Times <paramref name="action"/> while a sampler records the peak working set and GC heap of this phase only.</summary>
    private static Measurement Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        long peakWs = 0, peakHeap = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peakWs = Math.Max(peakWs, process.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try { await Task.Delay(20, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var sw = Stopwatch.StartNew();
        action();
        sw.Stop();
        stop.Cancel();
        sampler.GetAwaiter().GetResult();
        return new Measurement(sw.Elapsed, peakWs / 1e6, peakHeap / 1e6);
    }
}
