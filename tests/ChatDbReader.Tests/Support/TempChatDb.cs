using LineAgent.FakeChatDb;

namespace LineAgent.ChatDbReader.Tests.Support;

/// <summary>A fake chat.db in its own temp directory, deleted (with -wal/-shm) on dispose.</summary>
internal sealed class TempChatDb : IDisposable
{
    public TempChatDb(SchemaVariant variant)
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lineagent-reader-" + Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(Directory, "chat.db");
        Writer = FakeChatDatabase.Create(Path, variant);
        Writer.Clock = () => Now;
    }

    public string Directory { get; }
    public string Path { get; }
    public FakeChatDatabase Writer { get; }

    /// <summary>The writer's clock (fixed so dates can be asserted); tests move it.</summary>
    public DateTimeOffset Now { get; set; } = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    public ChatDb OpenReader(ChatDbOptions? options = null) => ChatDb.Open(Path, options);

    public void Dispose()
    {
        Writer.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Every schema variant, for [Theory] [MemberData].</summary>
public static class Variants
{
    public static TheoryData<SchemaVariant> All => new(Enum.GetValues<SchemaVariant>());
}
