using System.Text;

namespace LineAgent.ChatDbReader;

/// <summary>
/// A copy of chat.db that SQLite cannot open normally: WAL mode, no -shm, and a folder it may not create one in.
/// Such a copy is complete in chat.db alone when there is no -wal either.
/// </summary>
internal static class ReadOnlyCopy
{
    /// <summary>True when neither chat.db-wal nor chat.db-shm exists: immutable=1 then hides nothing.</summary>
    public static bool IsComplete(string path) => !File.Exists(path + "-wal") && !File.Exists(path + "-shm");

    /// <summary>An SQLite URI filename for <paramref name="path"/> with immutable=1 (path bytes percent-encoded).</summary>
    public static string ImmutableUri(string path)
    {
        var sb = new StringBuilder("file:");
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '/' or '-' or '_' or '.' or '~')
                sb.Append(c);
            else
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.Append("?immutable=1").ToString();
    }
}
