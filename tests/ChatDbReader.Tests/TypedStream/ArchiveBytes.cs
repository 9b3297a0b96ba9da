using System.Text;

namespace LineAgent.ChatDbReader.Tests.TypedStream;

/// <summary>Hand-assembled typedstream bytes for malformed-input tests.</summary>
internal static class ArchiveBytes
{
    public static readonly byte[] Header = [0x04, 0x0b, .. "streamtyped"u8, 0x81, 0xe8, 0x03];

    /// <summary>Header followed by the given pieces (byte arrays, single bytes or ASCII strings).</summary>
    public static byte[] Archive(params object[] pieces)
    {
        var bytes = new List<byte>(Header);
        foreach (var piece in pieces)
        {
            switch (piece)
            {
                case byte b:
                    bytes.Add(b);
                    break;
                case int i:
                    bytes.Add(checked((byte)i));
                    break;
                case byte[] array:
                    bytes.AddRange(array);
                    break;
                case string s:
                    bytes.AddRange(Encoding.UTF8.GetBytes(s));
                    break;
                default:
                    throw new ArgumentException(piece.GetType().Name);
            }
        }

        return [.. bytes];
    }

    /// <summary>A NEW shared string: 0x84, 1-byte length, bytes.</summary>
    public static byte[] New(string s) => [0x84, checked((byte)Encoding.UTF8.GetByteCount(s)), .. Encoding.UTF8.GetBytes(s)];

    /// <summary>A NEW class with the given name and version, as the first link of a chain.</summary>
    public static byte[] Class(string name, int version) => [0x84, .. New(name), checked((byte)version)];
}
