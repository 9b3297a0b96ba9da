using System.Runtime.InteropServices;

namespace LineAgent.Agent.MessagesApp.Accessibility.Mac;

/// <summary>
/// The Objective-C runtime (objc/runtime.h, objc/message.h), for the few AppKit calls the pasteboard needs.
/// objc_msgSend is not variadic on arm64: it must be called through a pointer cast to the method's exact C type,
/// so each shape below is its own declaration of the same entry point, named by its argument and return types.
/// Only integer/pointer arguments and returns are used (no struct returns, so objc_msgSend_stret never applies).
/// Types: id / Class / SEL are pointers; NSInteger is long (nint); NSUInteger is unsigned long (nuint); BOOL is
/// bool on arm64 and signed char on x86_64 — one byte either way, passed and returned as byte, compared with 0.
/// </summary>
internal static class ObjectiveC
{
    private const string Lib = "/usr/lib/libobjc.A.dylib";

    // AppKit defines NSPasteboard; objc_getClass finds a class only once its image is loaded into the process.
    private const string AppKit = "/System/Library/Frameworks/AppKit.framework/AppKit";
    private static readonly Lazy<IntPtr> AppKitHandle = new(() => NativeLibrary.Load(AppKit));

    // Class objc_getClass(const char *name);  — NULL when no such class is loaded.
    [DllImport(Lib)] private static extern IntPtr objc_getClass([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    // SEL sel_registerName(const char *str);  — selectors are interned for the life of the process (never freed).
    [DllImport(Lib)] private static extern IntPtr sel_registerName([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    // id (id self, SEL op)
    [DllImport(Lib, EntryPoint = "objc_msgSend")] public static extern IntPtr Id(IntPtr self, IntPtr op);

    // id (id self, SEL op, id arg)
    [DllImport(Lib, EntryPoint = "objc_msgSend")] public static extern IntPtr IdId(IntPtr self, IntPtr op, IntPtr arg);

    // id (id self, SEL op, NSUInteger index)          — -[NSArray objectAtIndex:]
    [DllImport(Lib, EntryPoint = "objc_msgSend")] public static extern IntPtr IdUInt(IntPtr self, IntPtr op, nuint index);

    // id (id self, SEL op, id arg, BOOL flag)          — +[NSURL fileURLWithPath:isDirectory:]
    [DllImport(Lib, EntryPoint = "objc_msgSend")] public static extern IntPtr IdIdBool(IntPtr self, IntPtr op, IntPtr arg, byte flag);

    // id (id self, SEL op, const id *objects, NSUInteger count)   — +[NSArray arrayWithObjects:count:]
    [DllImport(Lib, EntryPoint = "objc_msgSend")] public static extern IntPtr IdObjectsCount(IntPtr self, IntPtr op, IntPtr[] objects, nuint count);

    // id (id self, SEL op, const void *bytes, NSUInteger length)  — +[NSData dataWithBytes:length:] (copies the bytes)
    [DllImport(Lib, EntryPoint = "objc_msgSend")] public static extern IntPtr IdBytesLength(IntPtr self, IntPtr op, byte[] bytes, nuint length);

    // NSInteger (id self, SEL op)                       — changeCount, clearContents, accessBehavior
    [DllImport(Lib, EntryPoint = "objc_msgSend")] public static extern nint Int(IntPtr self, IntPtr op);

    // NSUInteger (id self, SEL op)                      — -[NSArray count], -[NSData length]
    [DllImport(Lib, EntryPoint = "objc_msgSend")] public static extern nuint UInt(IntPtr self, IntPtr op);

    // BOOL (id self, SEL op, id arg)                    — writeObjects:, respondsToSelector: (a SEL is a pointer too)
    [DllImport(Lib, EntryPoint = "objc_msgSend")] public static extern byte BoolId(IntPtr self, IntPtr op, IntPtr arg);

    // BOOL (id self, SEL op, id arg1, id arg2)          — -[NSPasteboardItem setData:forType:]
    [DllImport(Lib, EntryPoint = "objc_msgSend")] public static extern byte BoolIdId(IntPtr self, IntPtr op, IntPtr arg1, IntPtr arg2);

    // void (id self, SEL op)                            — release, drain
    [DllImport(Lib, EntryPoint = "objc_msgSend")] public static extern void Void(IntPtr self, IntPtr op);

    /// <summary>A class by name (AppKit loaded first); throws when the class does not exist on this system.</summary>
    public static IntPtr Class(string name)
    {
        _ = AppKitHandle.Value;
        var cls = objc_getClass(name);
        return cls != IntPtr.Zero ? cls : throw new AxException(AxError.Failure, "objc_getClass " + name);
    }

    public static IntPtr Sel(string name) => sel_registerName(name);

    /// <summary>
    /// Runs <paramref name="body"/> inside an NSAutoreleasePool on this thread (the agent's thread-pool threads have
    /// none, so autoreleased results — fileURLWithPath:, arrayWithObjects:count:, dataForType: — would otherwise never
    /// be freed). Everything read from such objects must be copied out before the body returns.
    /// </summary>
    public static T Pooled<T>(Func<T> body)
    {
        // [[NSAutoreleasePool alloc] init]: an owned pool; -drain pops and releases it (manual retain-release code).
        var pool = Id(Id(Class("NSAutoreleasePool"), Sel("alloc")), Sel("init"));
        try
        {
            return body();
        }
        finally
        {
            Void(pool, Sel("drain"));
        }
    }
}
