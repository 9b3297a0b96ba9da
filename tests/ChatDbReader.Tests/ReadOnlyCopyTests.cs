using LineAgent.FakeChatDb;
using Microsoft.Data.Sqlite;

namespace LineAgent.ChatDbReader.Tests;

public sealed class ReadOnlyCopyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lineagent-ro-" + Guid.NewGuid().ToString("N"), "a b#c?d%e é");

    public ReadOnlyCopyTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_dir)!, recursive: true);

    /// <summary>The immutable URI names exactly the file, whatever characters its path holds.</summary>
    [Fact]
    public void ImmutableUri_OpensThatFile_WithAwkwardCharactersInThePath()
    {
        var path = Path.Combine(_dir, "chat.db");
        using (var db = FakeChatDatabase.Create(path, SchemaVariant.Sequoia))
            db.ReceiveText(db.EnsureDirectChat("+15550001111"), "+15550001111", "x");

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = ReadOnlyCopy.ImmutableUri(path), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM message";
        Assert.Equal(1L, command.ExecuteScalar());
        Assert.False(File.Exists(path + "-shm")); // immutable: no shared memory, no locks
    }

    [Fact]
    public void IsComplete_OnlyWithoutWalAndShm()
    {
        var path = Path.Combine(_dir, "chat.db");
        File.WriteAllText(path, "");
        Assert.True(ReadOnlyCopy.IsComplete(path));
        File.WriteAllText(path + "-wal", "");
        Assert.False(ReadOnlyCopy.IsComplete(path));
    }
}
