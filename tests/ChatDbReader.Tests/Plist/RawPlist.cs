using System.Buffers.Binary;

namespace LineAgent.ChatDbReader.Tests.Plist;

/// <summary>Assembles bplist00 documents from hand-written object bytes, to build inputs the writer refuses to make.</summary>
internal static class RawPlist
{
    /// <summary>Header, the given objects in order (1-byte refs), a 1-byte offset table and a matching trailer.</summary>
    public static byte[] Build(params byte[][] objects) => Build(objects, top: 0);

    public static byte[] Build(byte[][] objects, ulong top, int offsetSize = 1, int refSize = 1, ulong? count = null, ulong? tableOffset = null)
    {
        var bytes = new List<byte>("bplist00"u8.ToArray());
        var offsets = new List<int>();
        foreach (byte[] obj in objects)
        {
            offsets.Add(bytes.Count);
            bytes.AddRange(obj);
        }

        int table = bytes.Count;
        foreach (int offset in offsets)
        {
            for (int shift = (offsetSize - 1) * 8; shift >= 0; shift -= 8)
            {
                bytes.Add((byte)(offset >> shift));
            }
        }

        var trailer = new byte[32];
        trailer[6] = (byte)offsetSize;
        trailer[7] = (byte)refSize;
        BinaryPrimitives.WriteUInt64BigEndian(trailer.AsSpan(8), count ?? (ulong)objects.Length);
        BinaryPrimitives.WriteUInt64BigEndian(trailer.AsSpan(16), top);
        BinaryPrimitives.WriteUInt64BigEndian(trailer.AsSpan(24), tableOffset ?? (ulong)table);
        bytes.AddRange(trailer);
        return bytes.ToArray();
    }
}
