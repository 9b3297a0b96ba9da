namespace LineAgent.ChatDbReader.Plist;

/// <summary>
/// A bplist UID object (marker <c>0x8N</c>). NSKeyedArchiver uses UIDs as indexes into the archive's
/// <c>$objects</c> array; <see cref="KeyedArchive"/> resolves them.
/// </summary>
/// <param name="Value">The unsigned big-endian value, 1 to 8 bytes wide on disk.</param>
public readonly record struct PlistUid(ulong Value);
