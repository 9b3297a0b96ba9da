using LineAgent.Agent.Cli;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using LineAgent.FakeChatDb;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LineAgent.Bench;

/// <summary>
/// `export`: builds a chat.db (macOS 26 schema) of N messages (default 300,000: ~30% body-only rows, 5% tapbacks, 2% attachments), then,
/// side by side in each of 3 rounds (min of 3 reported): a raw scan of the same columns and joins (SQLite stepping
/// with one typed read per value through the cheapest call .NET has, nothing decoded: the floor), `lineagent export`
/// as shipped (published for this machine as package-macos.sh publishes for macOS: self-contained single file,
/// ReadyToRun, Server GC; its own process) writing into a real pipe the bench drains, and with --peer the peer reader
/// @photon-ai/imessage-kit on the same database. Memory: the export's peak RSS over a quarter of the rows and over all.
/// PASS/FAIL against issue 15's targets: export ≤ 1.5x the raw scan, ≥ 25x the peer's rows/s, memory flat.
/// Options: --rows N, --db PATH (reused when it already has N rows), --regenerate, --runs N, --peer DIR (a folder
/// where `npm install @photon-ai/imessage-kit@3.0.0` and `npm rebuild better-sqlite3` ran), --lineagent PATH (an
/// already published lineagent instead of publishing one).
/// </summary>
internal static class ExportBench
{
    public static int Run(string[] args)
    {
        var rows = 300_000;
        var path = Path.Combine(Path.GetTempPath(), "lineagent-bench", "chat-export.db");
        var regenerate = false;
        var runs = 3;
        string? peer = null;
        string? shipped = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--db": path = args[++i]; break;
                case "--regenerate": regenerate = true; break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--peer": peer = Path.GetFullPath(args[++i]); break;
                case "--lineagent": shipped = Path.GetFullPath(args[++i]); break;
                default: Console.Error.WriteLine($"export bench: unknown option {args[i]}"); return 2;
            }
        }

        if (regenerate || CountRows(path) != rows || !IsTahoe(path))
        {
            var sw = Stopwatch.StartNew();
            Generate(path, rows);
            Console.WriteLine($"generated {rows:N0} messages in {sw.Elapsed.TotalSeconds:F1} s ({rows / sw.Elapsed.TotalSeconds:N0} rows/s), {new FileInfo(path).Length / 1e6:F0} MB");
        }
        if (shipped is not null && !File.Exists(shipped))
        {
            Console.Error.WriteLine($"export bench: --lineagent {shipped}: no such file (a published lineagent: dotnet publish src/Agent -c Release -r <rid> -o DIR, then DIR/lineagent)");
            return 2;
        }
        var lineagent = shipped ?? Publish(Path.Combine(Path.GetDirectoryName(path)!, "publish"));
        Console.WriteLine($"lineagent: {lineagent} (the shipped build: self-contained single file, ReadyToRun, Server GC)");
        string? peerScript = peer is null ? null : WritePeerScript(peer);

        RawScan(path);                                   // warm the page cache
        var quarter = Math.Max(1, rows / 4);
        var raw = new List<Child>();
        var bench = Path.Combine(AppContext.BaseDirectory, "Bench.dll");
        var export = new List<Child>();
        var small = new List<Child>();
        var peers = new List<Child>();
        for (var run = 1; run <= runs; run++)
        {
            var load = Load();
            raw.Add(RunChild("dotnet", [bench, "export-raw-scan", path], 0));
            export.Add(RunChild(lineagent, ["export", "--chat-db", path], rows));
            small.Add(RunChild(lineagent, ["export", "--chat-db", path, "--limit", quarter.ToString(CultureInfo.InvariantCulture)], quarter));
            if (peerScript is not null)
                peers.Add(RunChild("node", [peerScript, path], rows));
            var line = string.Create(CultureInfo.InvariantCulture,
                $"run {run} (load {load}): raw scan {raw[^1].Seconds:F2} s ({raw[^1].CpuSeconds:F2} CPU); export {export[^1].Seconds:F2} s ({export[^1].CpuSeconds:F2} CPU), {export[^1].PeakRssMb:F0} MB; export of {quarter:N0} rows {small[^1].Seconds:F2} s, {small[^1].PeakRssMb:F0} MB");
            if (peers.Count > 0)
                line += string.Create(CultureInfo.InvariantCulture, $"; peer {peers[^1].Seconds:F2} s ({peers[^1].CpuSeconds:F2} CPU), {peers[^1].PeakRssMb:F0} MB");
            Console.WriteLine(line);
        }

        var rawBest = raw.Min(c => c.Seconds);
        var rawCpu = raw.Min(c => c.CpuSeconds);
        var exportBest = export.Min(c => c.Seconds);
        var exportCpu = export.Min(c => c.CpuSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"raw scan (same columns and joins, its own process): {rawBest:F2} s, {rows / rawBest:N0} rows/s, {rawCpu:F2} CPU-s (min of {runs})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lineagent export into a pipe: {exportBest:F2} s, {rows / exportBest:N0} rows/s, {exportCpu:F2} CPU-s, {export[0].Bytes / 1e6:F0} MB of JSON Lines (min of {runs})"));
        var ratio = exportBest / rawBest;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export / raw scan: {ratio:F2}x wall {(ratio <= 1.5 ? "PASS" : "FAIL")} (target <= 1.5x); {exportCpu / rawCpu:F2}x CPU {(exportCpu / rawCpu <= 1.5 ? "PASS" : "FAIL")}"));
        if (peers.Count > 0)
        {
            var peerBest = peers.Min(c => c.Seconds);
            var peerCpu = peers.Min(c => c.CpuSeconds);
            var speedup = peerBest / exportBest;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"peer @photon-ai/imessage-kit 3.0.0: {peerBest:F2} s, {rows / peerBest:N0} rows/s, {peerCpu:F2} CPU-s, peak RSS {peers.Max(c => c.PeakRssMb):F0} MB (min of {runs})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"export / peer throughput: {speedup:F1}x wall {(speedup >= 25 ? "PASS" : "FAIL")} (target >= 25x); {peerCpu / exportCpu:F1}x CPU {(peerCpu / exportCpu >= 25 ? "PASS" : "FAIL")}"));
        }
        var rssSmall = small.Min(c => c.PeakRssMb);
        var rssFull = export.Min(c => c.PeakRssMb);
        // Flat: all rows cost no more than a quarter of them (within 20% plus 16 MB of noise).
        var flat = rssFull <= rssSmall * 1.2 + 16;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export peak RSS, {quarter:N0} vs {rows:N0} rows: {rssSmall:F0} vs {rssFull:F0} MB {(flat ? "PASS" : "FAIL")} (target: flat)"));
        return 0;
    }

    /// <summary>
    /// `export-layers PATH`: in one warm process, the CPU time of each layer of the export on one thread: the raw
    /// scan, copying the rows out of chat.db (the export's reading thread), decoding them into records, writing their
    /// JSON into a buffer (no output), min of 5 each. For finding where the time goes.
    /// </summary>
    public static int Layers(string[] args)
    {
        var path = args[0];
        LineAgent.ChatDbReader.ChatDb.TryUseSingleThreadedConnections();
        RawScan(path);
        // Min of 5 of this thread's CPU time.
        double Best(Action action) => Enumerable.Range(0, 5).Select(_ => CpuTime(action)).Min();
        var rawScan = Best(() => RawScan(path));
        long rows = 0;
        var options = new LineAgent.ChatDbReader.ChatDbOptions { DecodeAllBodies = false, BatchSize = 1000 };
        // The export's reading thread: the batches copied out of chat.db, not decoded.
        var copy = Best(() =>
        {
            using var db = LineAgent.ChatDbReader.ChatDb.Open(path, options);
            rows = 0;
            foreach (var batch in db.ReadMessageRowsAfter(0, int.MaxValue))
            {
                rows += batch.Count;
                batch.Dispose();
            }
        });
        // Its writing thread: the rows read in place (what each row means: bodies decoded where the text column is
        // empty, tapbacks, edits), then their JSON.
        var decode = Best(() => Consume(path, options, json: false));
        var write = Best(() => Consume(path, options, json: true));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows:N0} rows (load {Load()}), CPU-s of one thread, min of 5: raw scan {rawScan:F2}; copy rows out {copy:F2}; copy + read rows {decode:F2}; copy + read rows + JSON {write:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export threads (estimate): reading {copy:F2} ({copy / rawScan:F2}x the raw scan), rows + writing {write - copy:F2}"));
        return 0;
    }

    /// <summary>Reads every batch and its rows in place (and writes their JSON into a buffer, no output), on this thread.</summary>
    private static void Consume(string path, LineAgent.ChatDbReader.ChatDbOptions options, bool json)
    {
        using var db = LineAgent.ChatDbReader.ChatDb.Open(path, options);
        using var writer = new LineAgent.Agent.Events.JsonLineWriter(Stream.Null);
        long kinds = 0;
        foreach (var batch in db.ReadMessageRowsAfter(0, int.MaxValue))
        {
            using (batch)
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var m = batch.Row(i);
                    if (!json)
                    {
                        kinds += (int)m.Kind;
                        continue;
                    }
                    LineAgent.Agent.Events.MessageJsonWriter.Write(writer, m);
                    writer.EndLine();
                }
            }
        }
        GC.KeepAlive(kinds);
    }

    /// <summary>
    /// `dotnet publish -r {this machine's RID}` of src/Agent into <paramref name="folder"/>: the build scripts/package-macos.sh
    /// ships for macOS (Agent.csproj's RID-specific publish: self-contained, single file, ReadyToRun), so the export is
    /// measured as operators run it, not as a JIT-compiled framework-dependent debug-friendly build.
    /// </summary>
    private static string Publish(string folder)
    {
        var repo = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(repo, "LineAgent.sln")))
            repo = Path.GetDirectoryName(repo.TrimEnd(Path.DirectorySeparatorChar))
                ?? throw new InvalidOperationException("bench export: no LineAgent.sln above the bench; pass --lineagent PATH (a published lineagent)");
        var rid = RuntimeInformation.RuntimeIdentifier;
        Console.WriteLine($"publishing lineagent for {rid} into {folder} …");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "publish", Path.Combine(repo, "src", "Agent", "Agent.csproj"), "-c", "Release", "-r", rid, "-o", folder, "--nologo", "-v", "quiet" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}): {output.Result}{errors}");
        return Path.Combine(folder, OperatingSystem.IsWindows() ? "lineagent.exe" : "lineagent");
    }

    /// <summary>One child run: wall time, CPU time (user + system, from the kernel's accounting of reaped children:
    /// on a shared machine the CPU a run needed is steadier than its wall time), peak RSS, bytes it wrote.</summary>
    private sealed record Child(double Seconds, double CpuSeconds, double PeakRssMb, long Bytes);

    /// <summary>`export-raw-scan PATH`: <see cref="RawScan"/> in its own process (started like the export, same SQLite mode).</summary>
    public static int RawScanProcess(string[] args)
    {
        LineAgent.ChatDbReader.ChatDb.TryUseSingleThreadedConnections();
        RawScan(args[0]);
        return 0;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, out RUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxRss, Ixrss, Idrss, Isrss, Minflt, Majflt, Nswap, Inblock, Oublock, Msgsnd, Msgrcv, Nsignals, Nvcsw, Nivcsw;
    }

    /// <summary>CPU seconds of every reaped child so far (Linux; 0 elsewhere).</summary>
    private static double ChildrenCpuSeconds()
    {
        if (!OperatingSystem.IsLinux() || GetRUsage(-1 /* RUSAGE_CHILDREN */, out var u) != 0)
            return 0;
        return u.UserSeconds + u.SystemSeconds + (u.UserMicroseconds + u.SystemMicroseconds) / 1e6;
    }

    /// <summary>Runs a program whose stdout is a pipe this process drains (counting lines), sampling its peak RSS.</summary>
    private static Child RunChild(string program, string[] args, int expectedLines)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        var cpu0 = ChildrenCpuSeconds();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        double peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, PeakRssMb(process));
                try { await Task.Delay(25, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var stream = process.StandardOutput.BaseStream;
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0;
        // The reader of the pipe does what a plain consumer does (count the lines): its CPU competes with the export
        // on the same cores, so the peak memory is left to the sampler (VmHWM is a high-water mark: nothing is missed).
        for (int n; (n = stream.Read(buffer)) > 0;)
        {
            bytes += n;
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
        }
        peak = Math.Max(peak, PeakRssMb(process));
        process.WaitForExit();
        var seconds = watch.Elapsed.TotalSeconds;
        stop.Cancel();
        sampler.GetAwaiter().GetResult();
        if (process.ExitCode != 0 || lines != expectedLines)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode} after {lines:N0} lines (expected {expectedLines:N0}): {stderr.Result}");
        return new Child(seconds, ChildrenCpuSeconds() - cpu0, peak, bytes);
    }

    /// <summary>Peak resident set so far (Linux VmHWM; elsewhere the peak working set), or 0 once it exited.</summary>
    private static double PeakRssMb(Process process)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                        return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) / 1024.0;
                return 0;
            }
            process.Refresh();
            return process.PeakWorkingSet64 / 1e6;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    private static string Load() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "n/a";

    /// <summary>CPU seconds the calling thread spent in <paramref name="action"/> (Linux: RUSAGE_THREAD; no GC or JIT
    /// threads, no other process: steadier than wall time on a shared machine); wall seconds elsewhere.</summary>
    private static double CpuTime(Action action)
    {
        static double Now() => OperatingSystem.IsLinux() && GetRUsage(1 /* RUSAGE_THREAD */, out var u) == 0
            ? u.UserSeconds + u.SystemSeconds + (u.UserMicroseconds + u.SystemMicroseconds) / 1e6
            : Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        var before = Now();
        action();
        return Now() - before;
    }


    /// <summary>The peer's export (every message as a JSON line), written next to its node_modules so it resolves there.</summary>
    private static string WritePeerScript(string folder)
    {
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@photon-ai", "imessage-kit")))
            throw new InvalidOperationException($"--peer {folder}: no node_modules/@photon-ai/imessage-kit there (npm install @photon-ai/imessage-kit@3.0.0, then npm rebuild better-sqlite3)");
        var script = Path.Combine(folder, "lineagent-bench-peer.mjs");
        File.WriteAllText(script, """
            // @photon-ai/imessage-kit exporting every message of a chat.db as JSON Lines on stdout. It refuses to
            // construct off macOS (requireMacOS); reading the database file needs nothing of macOS.
            Object.defineProperty(process, 'platform', { value: 'darwin' });
            const { IMessageSDK } = await import('@photon-ai/imessage-kit');
            const sdk = new IMessageSDK({ databasePath: process.argv[2] });
            const messages = await sdk.getMessages({});
            let lines = [];
            for (const m of messages) {
              lines.push(JSON.stringify(m));
              if (lines.length >= 1000) { process.stdout.write(lines.join('\n') + '\n'); lines = []; }
            }
            if (lines.length) process.stdout.write(lines.join('\n') + '\n');
            await sdk.close();
            """);
        return script;
    }

    /// <summary>
    /// The floor: the same message columns and joins the reader selects, stepped on a Microsoft.Data.Sqlite connection's
    /// handle with one typed read per value (its storage class, then the integer, double or bytes), nothing decoded
    /// or written. What any reader must do at least.
    /// </summary>
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
            // In message order the cheapest way, as the export reads them: the message_id index's order, no sort.
            "SELECT j.message_id, c.guid, j.chat_id FROM chat_message_join j JOIN chat c ON c.ROWID = j.chat_id ORDER BY j.message_id, j.ROWID",
            "SELECT j.message_id, a.ROWID, a.guid, a.transfer_name, a.mime_type, a.uti, a.total_bytes, a.filename, a.transfer_state, a.is_outgoing, a.is_sticker FROM message_attachment_join j JOIN attachment a ON a.ROWID = j.attachment_id ORDER BY j.message_id, j.ROWID",
        })
        {
            if (raw.sqlite3_prepare_v2(c.Handle, sql, out var stmt) != raw.SQLITE_OK)
                throw new InvalidOperationException(raw.sqlite3_errmsg(c.Handle).utf8_to_string());
            using (stmt)
            {
                var columns = raw.sqlite3_column_count(stmt);
                var handle = stmt.DangerousGetHandle();   // stmt stays referenced by the using until the loop ends
                while (raw.sqlite3_step(stmt) == raw.SQLITE_ROW)
                {
                    for (var i = 0; i < columns; i++)
                    {
                        sink += Column.Type(handle, i) switch
                        {
                            raw.SQLITE_INTEGER => Column.Int64(handle, i),
                            raw.SQLITE_FLOAT => (long)Column.Double(handle, i),
                            raw.SQLITE_TEXT or raw.SQLITE_BLOB => (long)Column.Blob(handle, i) + Column.Bytes(handle, i),
                            _ => 0,
                        };
                    }
                }
            }
        }
        GC.KeepAlive(sink);
    }

    /// <summary>e_sqlite3's column reads on the statement pointer, without a GC transition: the cheapest way .NET can
    /// read a value (what the reader's own statement does), so the floor is not inflated by call overhead.</summary>
    private static class Column
    {
        [DllImport("e_sqlite3", EntryPoint = "sqlite3_column_type", ExactSpelling = true), SuppressGCTransition]
        public static extern int Type(IntPtr stmt, int index);

        [DllImport("e_sqlite3", EntryPoint = "sqlite3_column_int64", ExactSpelling = true), SuppressGCTransition]
        public static extern long Int64(IntPtr stmt, int index);

        [DllImport("e_sqlite3", EntryPoint = "sqlite3_column_double", ExactSpelling = true), SuppressGCTransition]
        public static extern double Double(IntPtr stmt, int index);

        [DllImport("e_sqlite3", EntryPoint = "sqlite3_column_blob", ExactSpelling = true), SuppressGCTransition]
        public static extern IntPtr Blob(IntPtr stmt, int index);

        [DllImport("e_sqlite3", EntryPoint = "sqlite3_column_bytes", ExactSpelling = true), SuppressGCTransition]
        public static extern int Bytes(IntPtr stmt, int index);
    }

    private static void Generate(string path, int rows)
    {
        using var db = FakeChatDatabase.CreateForBulkLoad(path, SchemaVariant.Tahoe);
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

    /// <summary>The bench database has macOS 26's schema: the peer reads columns only it has (message.ck_chat_id).</summary>
    private static bool IsTahoe(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM pragma_table_info('message') WHERE name = 'ck_chat_id'";
        return (long)cmd.ExecuteScalar()! == 1;
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
}
