using LineAgent.Agent.Cli;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LineAgent.Agent.Cli.Commands;
using LineAgent.Agent.Events;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.ChatDbReader;
using LineAgent.FakeChatDb;

namespace LineAgent.Agent.Tests.Events;

/// <summary>
/// `lineagent export`'s bulk writer (<see cref="MessageJsonWriter"/>) against the serializer path it replaced
/// (<see cref="EventJson.Write"/> of <see cref="MessageData.From"/>), row by row, on every schema variant of the golden
/// corpus, on malformed rows, and on every real attributedBody of ../shared/corpus/typedstream as a body-only row.
/// </summary>
public sealed class MessageJsonWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<SchemaVariant> Variants() => new(Enum.GetValues<SchemaVariant>());

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task GoldenCorpus_BothPathsWriteTheSameBytes_AndExportIsTheSerializerPath(SchemaVariant variant)
    {
        var path = _dir.File("chat.db");
        GoldenCorpus.Create(path, variant);
        using (var w = FakeChatDatabase.Open(path))
        {
            var odd = w.InsertMessage(new NewMessage { Text = "odd", Handle = "+14155550101" });
            // Malformed rows: wrong storage classes, invalid UTF-8 and embedded NUL in texts, a truncated body.
            w.Execute("UPDATE message SET service = 5, text = CAST(x'ff61' AS TEXT), date = '12abc', is_read = 2.9, " +
                "attributedBody = x'0401', thread_originator_guid = CAST(x'610062' AS TEXT) WHERE guid = $g", ("$g", odd.Guid));
            w.InsertMessage(new NewMessage { Text = "tab\t\"quote\" \\ </script> \u2028 \U0001F600" + new string('x', 70_000), Handle = "+14155550101" });
            w.InsertMessage(new NewMessage { Text = null, BodyOnly = true, Handle = "+14155550101" });
            // Every kind of ill-formed UTF-8 in a text: a surrogate, an overlong form, past U+10FFFF, a lone
            // continuation byte, a sequence cut short at the end.
            var broken = w.InsertMessage(new NewMessage { Text = "broken", Handle = "+14155550101" });
            w.Execute("UPDATE message SET text = CAST(x'61eda08062c0af63f490808064bf65c3' AS TEXT), " +
                "balloon_bundle_id = CAST(x'e282' AS TEXT) WHERE guid = $g", ("$g", broken.Guid));
            // A message deleted with its chat join row left behind, between two rows of that chat: each row shows only its own chats.
            var chat = w.EnsureDirectChat("+14155550101");
            w.InsertMessage(new NewMessage { Text = "before", Chats = [chat], Handle = "+14155550101" });
            var gone = w.InsertMessage(new NewMessage { Text = "deleted", Chats = [chat], Handle = "+14155550101" });
            w.Execute("DELETE FROM message WHERE guid = $g", ("$g", gone.Guid));
            w.InsertMessage(new NewMessage { Text = "after", Chats = [chat], Handle = "+14155550101" });
            // A chat whose GUID is invalid UTF-8, one whose GUID is an INTEGER, a sender with non-ASCII characters.
            var odd1 = w.CreateGroupChat(["+14155550101", "b@example.com"], "Odd");
            var odd2 = w.CreateGroupChat(["+14155550101", "c@example.com"], "Odder");
            w.Execute("UPDATE chat SET guid = CAST(x'ff6368' AS TEXT) WHERE ROWID = $c", ("$c", odd1.RowId));
            w.Execute("UPDATE chat SET guid = 42 WHERE ROWID = $c", ("$c", odd2.RowId));
            w.InsertMessage(new NewMessage { Text = "in odd chats", Chats = [chat, odd1, odd2], Handle = "caf\u00E9\U0001F600@example.com" });
        }

        var rows = CompareBothPaths(path);

        Assert.True(rows >= 29, $"only {rows} rows");
        Assert.Equal(SerializerLines(path), await ExportLines(path));
    }

    [CorpusFact]
    public async Task EveryCorpusBody_BothPathsWriteTheSameBytes()
    {
        var files = CorpusFact.Bodies();
        var path = _dir.File("corpus.db");
        using (var w = FakeChatDatabase.Create(path, SchemaVariant.Sequoia))
        {
            var chat = w.EnsureDirectChat("+14155550101");
            foreach (var file in files)
            {
                var m = w.InsertMessage(new NewMessage { Text = "x", Chats = [chat], Handle = "+14155550101" });
                w.Execute("UPDATE message SET text = NULL, attributedBody = $b WHERE guid = $g", ("$b", File.ReadAllBytes(file)), ("$g", m.Guid));
            }
        }

        Assert.Equal(files.Count, CompareBothPaths(path));
        Assert.Equal(SerializerLines(path), await ExportLines(path));
    }

    [Fact]
    public async Task ExportAcrossReadBatches_EveryRowOnceInOrderWithItsChatsAndAttachments_IsTheSerializerPath()
    {
        // The export reads 1,000-row batches on its own thread; the serializer path reads 500-row batches on this
        // one. Rows in two chats and rows with attachments sit on either side of every export batch boundary.
        var path = _dir.File("batches.db");
        using (var w = FakeChatDatabase.Create(path, SchemaVariant.Tahoe))
        {
            var direct = w.EnsureDirectChat("+14155550101");
            var group = w.CreateGroupChat(["+14155550101", "b@example.com"], "Team");
            using (w.Batch())
            {
                for (var i = 1; i <= 2_600; i++)
                {
                    var boundary = i % 1000 is 999 or 0 or 1;
                    if (boundary && i % 2 == 0)
                        w.SendAttachment(group, new NewAttachment { TransferName = $"IMG_{i}.jpeg" }, caption: $"pic {i}");
                    else
                        w.InsertMessage(new NewMessage { Text = $"m{i}", Chats = boundary ? [direct, group] : [direct], Handle = "+14155550101" });
                }
            }
        }

        var export = await ExportLines(path);

        Assert.Equal(SerializerLines(path), export);
        Assert.Equal(2_600, export.Count(c => c == '\n'));
    }

    /// <summary>Every row through both writers (the row read in place, and its record through the serializer); returns
    /// the row count.</summary>
    private static int CompareBothPaths(string path)
    {
        using var db = LineAgent.ChatDbReader.ChatDb.Open(path, new ChatDbOptions { DecodeAllBodies = false });
        using var records = db.ReadMessagesAfter(0, int.MaxValue).GetEnumerator();
        var rows = 0;
        foreach (var batch in db.ReadMessageRowsAfter(0, int.MaxValue))
        {
            using (batch)
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    Assert.True(records.MoveNext());
                    var message = records.Current;
                    var expected = Json(w => EventJson.Write(w, MessageData.From(message)));
                    var actual = Line(w => MessageJsonWriter.Write(w, batch.Row(i)));
                    Assert.True(expected == actual, $"row {message.RowId}:\nserializer {expected}\nwriter     {actual}");
                    rows++;
                }
            }
        }
        Assert.False(records.MoveNext());
        return rows;
    }

    private static string SerializerLines(string path)
    {
        using var db = LineAgent.ChatDbReader.ChatDb.Open(path, new ChatDbOptions { DecodeAllBodies = false });
        return string.Concat(db.ReadMessagesAfter(0, int.MaxValue).Select(m => Json(w => EventJson.Write(w, MessageData.From(m))) + "\n"));
    }

    private static async Task<string> ExportLines(string path)
    {
        using var stdout = new MemoryStream();
        var stderr = new StringWriter();
        Assert.Equal(0, await new ExportCommand(() => new NonClosingStream(stdout), stderr, progress: false).RunAsync(["--chat-db", path], CancellationToken.None));
        Assert.Equal("", stderr.ToString());
        return Encoding.UTF8.GetString(stdout.ToArray());
    }

    private static string Line(Action<JsonLineWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new JsonLineWriter(stream))
        {
            write(writer);
            writer.Flush();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true }))
            write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Needs ../shared/corpus/typedstream beside the repository (GPL material, never copied in); skipped without it.</summary>
    private sealed class CorpusFact : FactAttribute
    {
        public CorpusFact()
        {
            if (Folder() is null)
                Skip = "needs ../shared/corpus/typedstream beside the repository (not part of it; CI provides it), not found above " + AppContext.BaseDirectory;
        }

        /// <summary>Every vector file of the corpus (the decoder must take any bytes).</summary>
        public static List<string> Bodies() =>
            Directory.EnumerateFiles(Folder()!, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetExtension(f) is "" or ".bin" or ".typedstream")
                .Order(StringComparer.Ordinal).ToList();

        private static string? Folder()
        {
            var repository = new DirectoryInfo(AppContext.BaseDirectory);
            while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "LineAgent.sln")))
                repository = repository.Parent;
            for (var up = repository?.Parent; up is not null; up = up.Parent)
            {
                var candidate = Path.Combine(up.FullName, "shared", "corpus", "typedstream");
                if (Directory.Exists(candidate))
                    return candidate;
            }
            return null;
        }
    }
}
