using System.Runtime.Versioning;
using static LineAgent.Agent.MessagesApp.Accessibility.Mac.ObjectiveC;

namespace LineAgent.Agent.MessagesApp.Accessibility.Mac;

/// <summary>
/// NSPasteboard.generalPasteboard through the Objective-C runtime, declared against NSPasteboard.h, NSPasteboardItem.h,
/// NSURL.h, NSArray.h and NSData.h. Ownership (manual retain-release): results of alloc/init are owned and released
/// here; every other object returned (generalPasteboard, fileURLWithPath:isDirectory:, arrayWithObjects:count:,
/// pasteboardItems, types, dataForType:, dataWithBytes:length:) is autoreleased or owned by its container, lives until
/// the surrounding pool drains, and is never released by us. Strings are CFStrings (toll-free bridged to NSString).
/// Nothing here can throw an Objective-C exception for the inputs it accepts: indexes stay below -count, and paths
/// are checked non-empty and absolute before fileURLWithPath: (which raises on an empty string).
/// </summary>
[SupportedOSPlatform("macos")]
internal sealed class MacPasteboard : IPasteboard
{
    /// <summary>NSPasteboardAccessBehaviorAlwaysAllow = 2 (NSPasteboard.h, macOS 15.4: Default 0, Ask 1, AlwaysAllow 2, AlwaysDeny 3).</summary>
    private const nint AccessAlwaysAllow = 2;

    /// <summary>Most bytes copied to restore later (a copied video can be huge): beyond it the pasteboard is not saved.</summary>
    private const long MaxSavedBytes = 256L * 1024 * 1024;

    // + (NSPasteboard *)generalPasteboard;  — a shared instance: not owned, never released.
    private static IntPtr General() => Id(Class("NSPasteboard"), Sel("generalPasteboard"));

    // @property (readonly) NSInteger changeCount;
    public long ChangeCount => Pooled(() => (long)Int(General(), Sel("changeCount")));

    public PasteboardContents? TrySave() => Pooled<PasteboardContents?>(() =>
    {
        var board = General();
        // @property (readonly) NSPasteboardAccessBehavior accessBehavior;  (15.4+; absent before, where reads never prompt)
        // Any other behaviour than Always Allow would raise the "paste from other apps" alert on a Mac nobody watches.
        if (BoolId(board, Sel("respondsToSelector:"), Sel("accessBehavior")) != 0 && Int(board, Sel("accessBehavior")) != AccessAlwaysAllow)
            return null;
        // @property (readonly, nullable, copy) NSArray<NSPasteboardItem *> *pasteboardItems;
        var items = Id(board, Sel("pasteboardItems"));
        var saved = new List<IReadOnlyList<(string, byte[])>>();
        if (items == IntPtr.Zero)
            return new PasteboardContents(saved);
        var itemCount = UInt(items, Sel("count"));
        long total = 0;
        for (nuint i = 0; i < itemCount; i++)
        {
            var item = IdUInt(items, Sel("objectAtIndex:"), i);
            // @property (readonly, copy) NSArray<NSPasteboardType> *types;
            var types = Id(item, Sel("types"));
            var entries = new List<(string, byte[])>();
            var typeCount = types == IntPtr.Zero ? 0 : UInt(types, Sel("count"));
            for (nuint t = 0; t < typeCount; t++)
            {
                var type = IdUInt(types, Sel("objectAtIndex:"), t);
                // - (nullable NSData *)dataForType:(NSPasteboardType)type;  — nil when the provider gives nothing
                var data = IdId(item, Sel("dataForType:"), type);
                if (data == IntPtr.Zero)
                    continue;
                // - (NSUInteger)length;  - (const void *)bytes;  — bytes may be NULL when length is 0
                var length = UInt(data, Sel("length"));
                total += (long)length;
                if (total > MaxSavedBytes)
                    return null;      // too big to hold: not restored (the caller says so), never a partial copy
                var bytes = new byte[(int)length];
                if (length > 0)
                    System.Runtime.InteropServices.Marshal.Copy(Id(data, Sel("bytes")), bytes, 0, bytes.Length);
                entries.Add((CoreFoundation.ReadString(type), bytes));
            }
            saved.Add(entries);
        }
        return new PasteboardContents(saved);
    });

    public long WriteFileUrls(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0 || paths.Any(p => p.Length == 0 || !Path.IsPathFullyQualified(p)))
            throw new ArgumentException("file URLs need absolute paths", nameof(paths));
        return Pooled(() =>
        {
            var urls = new IntPtr[paths.Count];
            for (var i = 0; i < paths.Count; i++)
            {
                using var path = new CoreFoundation.OwnedString(paths[i]);
                // + (NSURL *)fileURLWithPath:(NSString *)path isDirectory:(BOOL)isDir;  autoreleased; keeps its own copy of path
                urls[i] = IdIdBool(Class("NSURL"), Sel("fileURLWithPath:isDirectory:"), path.Handle, 0);
                if (urls[i] == IntPtr.Zero)
                    throw new AxException(AxError.Failure, "fileURLWithPath:");
            }
            // + (instancetype)arrayWithObjects:(const ObjectType _Nonnull [_Nonnull])objects count:(NSUInteger)cnt;  autoreleased, retains each
            var array = IdObjectsCount(Class("NSArray"), Sel("arrayWithObjects:count:"), urls, (nuint)urls.Length);
            var board = General();
            // - (NSInteger)clearContents;  then  - (BOOL)writeObjects:(NSArray<id<NSPasteboardWriting>> *)objects;  (NSURL conforms)
            _ = Int(board, Sel("clearContents"));
            if (BoolId(board, Sel("writeObjects:"), array) == 0)
                throw new AxException(AxError.Failure, "writeObjects:");
            return (long)Int(board, Sel("changeCount"));
        });
    }

    public void Restore(PasteboardContents saved) => Pooled(() =>
    {
        var owned = new IntPtr[saved.Items.Count];
        try
        {
            for (var i = 0; i < saved.Items.Count; i++)
            {
                // [[NSPasteboardItem alloc] init]: owned (+1), released in the finally below once the array holds it.
                owned[i] = Id(Id(Class("NSPasteboardItem"), Sel("alloc")), Sel("init"));
                if (owned[i] == IntPtr.Zero)
                    throw new AxException(AxError.Failure, "NSPasteboardItem init");
                foreach (var (type, bytes) in saved.Items[i])
                {
                    // + (instancetype)dataWithBytes:(nullable const void *)bytes length:(NSUInteger)length;  autoreleased copy
                    var data = IdBytesLength(Class("NSData"), Sel("dataWithBytes:length:"), bytes, (nuint)bytes.Length);
                    using var typeName = new CoreFoundation.OwnedString(type);
                    // - (BOOL)setData:(NSData *)data forType:(NSPasteboardType)type;  the item retains both
                    _ = BoolIdId(owned[i], Sel("setData:forType:"), data, typeName.Handle);
                }
            }
            var board = General();
            _ = Int(board, Sel("clearContents"));
            if (owned.Length > 0)
            {
                var array = IdObjectsCount(Class("NSArray"), Sel("arrayWithObjects:count:"), owned, (nuint)owned.Length);
                if (BoolId(board, Sel("writeObjects:"), array) == 0)
                    throw new AxException(AxError.Failure, "writeObjects:");
            }
        }
        finally
        {
            foreach (var item in owned)
                if (item != IntPtr.Zero)
                    Void(item, Sel("release"));     // - (oneway void)release;
        }
        return 0;
    });
}
