using LineAgent.Agent.Events;
using LineAgent.Agent.Tests.TestSupport;
using System.Text.Json;
using LineAgent.Agent.Cli;
using LineAgent.Agent.Cli.Commands;
using LineAgent.FakeChatDb;

namespace LineAgent.Agent.Tests.Cli.Commands;

public sealed class ExportCommandTests : IDisposable
{
    private static readonly string[] ExpectedKeys =
    [
        "rowid", "guid", "chat_guids", "service", "is_from_me", "sender", "date", "date_delivered", "date_read",
        "date_edited", "text", "kind", "reaction", "group_event", "attachments", "is_sent", "is_delivered", "is_read",
        "error", "edited", "unsent", "thread_originator_guid", "balloon_bundle_id", "unsent_parts", "date_unsent",
    ];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lineagent-export-" + Guid.NewGuid().ToString("N"));
    private readonly string _path;
    private readonly DateTimeOffset _now = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    public ExportCommandTests() => _path = Path.Combine(_dir, "chat.db");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(SchemaVariant.Ventura)]
    [InlineData(SchemaVariant.Sequoia)]
    [InlineData(SchemaVariant.Tahoe)]
    [InlineData(SchemaVariant.MigratedSr)]
    public async Task Export_EveryRowShape_OneObjectPerRowWithExactKeys(SchemaVariant variant)
    {
        using (var w = FakeChatDatabase.Create(_path, variant))
        {
            w.Clock = () => _now;
            var chat = w.CreateGroupChat(["+14155550101", "b@example.com"], "Team");
            var text = w.ReceiveText(chat, "+14155550101", "hi \"there\"");
            w.ReceiveText(chat, "b@example.com", "body only", bodyOnly: true);
            w.InsertTapback(chat, text.Guid, TapbackKind.Laugh, from: "b@example.com", part: 0);
            w.AddParticipant(chat, "+14155550103", by: "+14155550101");
            w.RenameChat(chat, "Renamed");
            w.SendAttachment(chat, new NewAttachment(), caption: "pic");
            var edited = w.SendText(chat, "edit me");
            w.Edit(edited, "edited", _now.AddMinutes(1));
            var unsent = w.SendText(chat, "unsend me");
            w.Unsend(unsent, _now.AddMinutes(1));
            w.MarkDelivered(text, _now.AddSeconds(1));
            w.InsertMessage(new NewMessage { Text = "no chat", Handle = "+14155550101" });
        }

        var (code, lines, stderr) = await Run("--chat-db", _path);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Equal(9, lines.Count);
        var docs = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(docs, d => Assert.Equal(ExpectedKeys, d.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), docs.Select(d => d.GetProperty("rowid").GetInt64()));

        Assert.Equal("hi \"there\"", docs[0].GetProperty("text").GetString());
        Assert.Equal("+14155550101", docs[0].GetProperty("sender").GetString());
        Assert.Equal("2025-03-14T09:26:53.589Z", docs[0].GetProperty("date").GetString());
        Assert.Equal("2025-03-14T09:26:54.589Z", docs[0].GetProperty("date_delivered").GetString());
        Assert.Equal(JsonValueKind.Null, docs[0].GetProperty("date_read").ValueKind);
        Assert.Equal("body only", docs[1].GetProperty("text").GetString());
        Assert.Equal("reaction", docs[2].GetProperty("kind").GetString());
        Assert.Equal("laugh", docs[2].GetProperty("reaction").GetProperty("type").GetString());
        Assert.Equal(docs[0].GetProperty("guid").GetString(), docs[2].GetProperty("reaction").GetProperty("target_guid").GetString());
        Assert.Equal("group_event", docs[3].GetProperty("kind").GetString());
        Assert.Equal("participant_added", docs[3].GetProperty("group_event").GetProperty("type").GetString());
        Assert.Equal("+14155550103", docs[3].GetProperty("group_event").GetProperty("handle").GetString());
        Assert.Equal("Renamed", docs[4].GetProperty("group_event").GetProperty("title").GetString());
        Assert.True(docs[4].GetProperty("is_from_me").GetBoolean());
        Assert.Equal(JsonValueKind.Null, docs[4].GetProperty("sender").ValueKind);
        Assert.Equal("\uFFFCpic", docs[5].GetProperty("text").GetString());
        Assert.Equal("image/jpeg", docs[5].GetProperty("attachments")[0].GetProperty("mime_type").GetString());
        Assert.True(docs[6].GetProperty("edited").GetBoolean());
        Assert.Equal("edited", docs[6].GetProperty("text").GetString());
        Assert.Equal("2025-03-14T09:27:53.589Z", docs[6].GetProperty("date_edited").GetString());
        Assert.True(docs[7].GetProperty("unsent").GetBoolean());
        Assert.Equal([0], docs[7].GetProperty("unsent_parts").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("2025-03-14T09:27:53.589Z", docs[7].GetProperty("date_unsent").GetString());
        Assert.Equal(JsonValueKind.Null, docs[7].GetProperty("text").ValueKind);
        Assert.Equal(0, docs[8].GetProperty("chat_guids").GetArrayLength());
        Assert.Equal("no chat", docs[8].GetProperty("text").GetString());
        Assert.All(docs.Take(8), d => Assert.Equal(chat_guid(docs[0]), chat_guid(d)));

        static string chat_guid(JsonElement d) => d.GetProperty("chat_guids")[0].GetString()!;
    }

    [Fact]
    public async Task Export_AfterRowidAndLimit_SelectsTheWindow()
    {
        using (var w = FakeChatDatabase.Create(_path, SchemaVariant.Sequoia))
        {
            var chat = w.EnsureDirectChat("+14155550101");
            for (var i = 0; i < 30; i++) w.ReceiveText(chat, "+14155550101", $"m{i}");
        }

        var (code, lines, _) = await Run("--chat-db", _path, "--after-rowid", "10", "--limit", "5");

        Assert.Equal(0, code);
        Assert.Equal([11L, 12, 13, 14, 15], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("rowid").GetInt64()));
    }

    [Theory]
    [InlineData("--chat-db", "")]
    [InlineData("--Agent:ChatDbPath", "  ")]
    public async Task Export_EmptyChatDbPath_ConfigurationErrorNamingTheKey(string option, string value)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var command = new ExportCommand(() => new NonClosingStream(stdout), stderr, progress: false);

        var code = await command.RunAsync([option, value], CancellationToken.None, new StringWriter(), stderr);

        Assert.Equal(LineAgent.Agent.Configuration.ConfigurationException.ExitCode, code);
        Assert.Equal("lineagent export: Agent:ChatDbPath is empty: set it to a path, or leave it out for the default.", stderr.ToString().Trim());
        Assert.Equal(0, stdout.Length);
    }

    [Theory]
    [InlineData("--Agent:ChatDbPath")]
    [InlineData("--agent:chatdbpath")]       // configuration keys are case-insensitive, as the binder's were
    public async Task Export_ChatDbPathFromConfigurationKey_ReadsThatDatabase(string key)
    {
        using (var w = FakeChatDatabase.Create(_path, SchemaVariant.Sequoia))
        {
            var chat = w.EnsureDirectChat("+14155550101");
            for (var i = 0; i < 3; i++) w.ReceiveText(chat, "+14155550101", $"m{i}");
        }

        var (code, lines, stderr) = await Run(key, _path);

        Assert.True(code == 0, stderr);
        Assert.Equal(["m0", "m1", "m2"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()));
    }

    [Theory]
    [InlineData("--limit", "0")]
    [InlineData("--limit", "-3")]
    [InlineData("--limit", "lots")]
    [InlineData("--after-rowid", "x")]
    [InlineData("--after-rowid")]
    [InlineData("--chat-db")]
    [InlineData("--bogus")]
    public async Task Export_BadArguments_OneLineErrorAndExit2(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["export", .. args], stdout, stderr);

        Assert.Equal(2, code);
        Assert.StartsWith("lineagent export: ", stderr.ToString());
        Assert.Contains("Run 'lineagent help export' for the options.", stderr.ToString());
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public async Task Export_MissingFile_OneLineErrorAndNonZeroExit()
    {
        var (code, lines, stderr) = await Run("--chat-db", Path.Combine(_dir, "missing.db"));

        Assert.NotEqual(0, code);
        Assert.Empty(lines);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("No chat.db at", line);
    }

    [Fact]
    public async Task Export_NotADatabase_OneLineErrorAndNonZeroExit()
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(_path, new string('x', 4096));

        var (code, lines, stderr) = await Run("--chat-db", _path);

        Assert.Equal(1, code);
        Assert.Empty(lines);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("not a readable SQLite database", stderr);
    }

    [Fact]
    public async Task Export_PathThroughAFile_ReportsFullDiskAccess()
    {
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, "file");
        await File.WriteAllTextAsync(file, "x");

        var (code, _, stderr) = await Run("--chat-db", Path.Combine(file, "chat.db"));

        Assert.Equal(1, code);
        Assert.Contains("Full Disk Access", stderr);
        Assert.Contains(Environment.ProcessPath!, stderr);
    }

    [Fact]
    public async Task CommandLine_ListsExport()
    {
        var stdout = new StringWriter();
        await CommandLine.RunAsync(["help"], stdout, new StringWriter());
        Assert.Contains("export", stdout.ToString());
    }

    [Fact]
    public async Task HelpExport_ListsEveryKeyALineHas_InWrittenOrder()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["help", "export"], stdout, new StringWriter()));
        // The key list is made only for help (from the serializer's metadata); wrapped lines joined back.
        var help = stdout.ToString().ReplaceLineEndings(" ");
        Assert.Contains("Each line has the keys " + string.Join(", ", EventJson.MessageKeys) + " (null where unset).", help);
        Assert.Contains("lineagent export > messages.jsonl", help);
    }

    [Fact]
    public void CompileRowCode_CompilesEveryMethodMarkedOptimizedAtOnce()
    {
        // Each such method has no precompiled code: one left out of the ahead-of-time list compiles on the writing or
        // reading thread at the first row, holding up the export's start (the per-row code is all the export's).
        static IEnumerable<string> Marked(System.Reflection.Assembly assembly) =>
            from type in assembly.GetTypes()
            from method in type.GetMethods(System.Reflection.BindingFlags.DeclaredOnly | System.Reflection.BindingFlags.Public
                | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Instance)
            where (method.MethodImplementationFlags & System.Reflection.MethodImplAttributes.AggressiveOptimization) != 0
            select $"{type.FullName}.{method.Name}({string.Join(",", method.GetParameters().Select(p => p.ParameterType.Name))})";

        var compiled = ExportCommand.CompileRowCode()
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}({string.Join(",", (m.IsGenericMethod ? m.GetGenericMethodDefinition() : m).GetParameters().Select(p => p.ParameterType.Name))})")
            .Order().ToList();
        var marked = Marked(typeof(ExportCommand).Assembly).Concat(Marked(typeof(LineAgent.ChatDbReader.MessageRowBatch).Assembly)).Order().ToList();
        Assert.True(marked.Count >= 9, string.Join("\n", marked));
        Assert.Equal(marked, compiled);
    }

    private static async Task<(int Code, List<string> Lines, string Stderr)> Run(params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var command = new ExportCommand(() => new NonClosingStream(stdout), stderr, progress: false);
        var code = await command.RunAsync(args, CancellationToken.None);
        var text = System.Text.Encoding.UTF8.GetString(stdout.ToArray());
        var lines = text.Split('\n').ToList();
        Assert.Equal("", lines[^1]);                 // every line ends with \n
        lines.RemoveAt(lines.Count - 1);
        return (code, lines, stderr.ToString());
    }
}
