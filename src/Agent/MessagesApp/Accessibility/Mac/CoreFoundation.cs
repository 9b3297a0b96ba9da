using System.Runtime.InteropServices;

namespace LineAgent.Agent.MessagesApp.Accessibility.Mac;

/// <summary>
/// The CoreFoundation calls the accessibility driver needs, declared against CoreFoundation's public headers
/// (CFBase.h, CFString.h, CFArray.h, CFNumber.h, CFDictionary.h, CFURL.h, CFBundle.h). Only ever called when
/// OperatingSystem.IsMacOS(). Conventions: every CF*Ref is an IntPtr; CFIndex (signed long) is nint; CFTypeID
/// (unsigned long) is nuint; C <c>Boolean</c> (unsigned char) is returned as byte and compared with 0, so .NET's
/// 4-byte BOOL marshalling never applies. Ownership (Create Rule): anything returned by a function with Create or
/// Copy in its name is owned and must be CFRelease'd; Get functions return borrowed references.
/// </summary>
internal static class CoreFoundation
{
    private const string Lib = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation";

    /// <summary>CFStringBuiltInEncodings kCFURLPOSIXPathStyle = 0 (CFURL.h: CFURLPathStyle).</summary>
    public const nint PosixPathStyle = 0;

    /// <summary>kCFNumberSInt64Type = 4 (CFNumber.h: CFNumberType).</summary>
    public const nint NumberSInt64Type = 4;

    // void CFRelease(CFTypeRef cf);  — cf must not be NULL (callers check).
    [DllImport(Lib)] public static extern void CFRelease(IntPtr cf);

    // CFTypeRef CFRetain(CFTypeRef cf);  — returns cf, now with one more reference the caller owns.
    [DllImport(Lib)] public static extern IntPtr CFRetain(IntPtr cf);

    // CFTypeID CFGetTypeID(CFTypeRef cf);
    [DllImport(Lib)] public static extern nuint CFGetTypeID(IntPtr cf);

    // Boolean CFEqual(CFTypeRef cf1, CFTypeRef cf2);
    [DllImport(Lib)] public static extern byte CFEqual(IntPtr cf1, IntPtr cf2);

    // CFTypeID CFStringGetTypeID(void); CFArrayGetTypeID; CFBooleanGetTypeID; CFNumberGetTypeID; CFAttributedStringGetTypeID
    [DllImport(Lib)] public static extern nuint CFStringGetTypeID();
    [DllImport(Lib)] public static extern nuint CFArrayGetTypeID();
    [DllImport(Lib)] public static extern nuint CFBooleanGetTypeID();
    [DllImport(Lib)] public static extern nuint CFNumberGetTypeID();
    [DllImport(Lib)] public static extern nuint CFAttributedStringGetTypeID();

    // CFStringRef CFStringCreateWithCharacters(CFAllocatorRef alloc, const UniChar *chars, CFIndex numChars);
    // alloc NULL = kCFAllocatorDefault; chars are UTF-16 code units (LPWStr pins the managed string's buffer). Owned.
    [DllImport(Lib)]
    public static extern IntPtr CFStringCreateWithCharacters(IntPtr alloc, [MarshalAs(UnmanagedType.LPWStr)] string chars, nint numChars);

    // CFIndex CFStringGetLength(CFStringRef theString);  — in UTF-16 code units.
    [DllImport(Lib)] public static extern nint CFStringGetLength(IntPtr theString);

    // void CFStringGetCharacters(CFStringRef theString, CFRange range, UniChar *buffer);  — buffer is NOT NUL-terminated.
    [DllImport(Lib)] public static extern void CFStringGetCharacters(IntPtr theString, CFRange range, [Out] ushort[] buffer);

    // CFStringRef CFAttributedStringGetString(CFAttributedStringRef aStr);  — Get Rule: borrowed.
    [DllImport(Lib)] public static extern IntPtr CFAttributedStringGetString(IntPtr aStr);

    // CFIndex CFArrayGetCount(CFArrayRef theArray);
    [DllImport(Lib)] public static extern nint CFArrayGetCount(IntPtr theArray);

    // const void *CFArrayGetValueAtIndex(CFArrayRef theArray, CFIndex idx);  — Get Rule: borrowed, lives as long as the array.
    [DllImport(Lib)] public static extern IntPtr CFArrayGetValueAtIndex(IntPtr theArray, nint idx);

    // Boolean CFBooleanGetValue(CFBooleanRef boolean);
    [DllImport(Lib)] public static extern byte CFBooleanGetValue(IntPtr boolean);

    // Boolean CFNumberGetValue(CFNumberRef number, CFNumberType theType, void *valuePtr);  — false if lossy.
    [DllImport(Lib)] public static extern byte CFNumberGetValue(IntPtr number, nint theType, out long valuePtr);

    // const void *CFDictionaryGetValue(CFDictionaryRef theDict, const void *key);  — Get Rule: borrowed; NULL if absent.
    [DllImport(Lib)] public static extern IntPtr CFDictionaryGetValue(IntPtr theDict, IntPtr key);

    // CFURLRef CFURLCreateWithFileSystemPath(CFAllocatorRef allocator, CFStringRef filePath, CFURLPathStyle pathStyle, Boolean isDirectory);  Owned.
    [DllImport(Lib)] public static extern IntPtr CFURLCreateWithFileSystemPath(IntPtr allocator, IntPtr filePath, nint pathStyle, byte isDirectory);

    // CFBundleRef CFBundleCreate(CFAllocatorRef allocator, CFURLRef bundleURL);  Owned; NULL if no bundle there.
    [DllImport(Lib)] public static extern IntPtr CFBundleCreate(IntPtr allocator, IntPtr bundleUrl);

    // CFStringRef CFBundleCopyLocalizedString(CFBundleRef bundle, CFStringRef key, CFStringRef value, CFStringRef tableName);
    // Owned. Uses the process's preferred localisation (the user's language). Returns value (or key) when missing.
    [DllImport(Lib)] public static extern IntPtr CFBundleCopyLocalizedString(IntPtr bundle, IntPtr key, IntPtr value, IntPtr tableName);

    /// <summary>struct CFRange { CFIndex location; CFIndex length; } (CFBase.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly struct CFRange(nint location, nint length)
    {
        public readonly nint Location = location;
        public readonly nint Length = length;
    }

    /// <summary>kCFBooleanTrue / kCFBooleanFalse are exported variables holding a CFBooleanRef: read the pointer stored at the symbol.</summary>
    public static IntPtr BooleanConstant(bool value)
    {
        var lib = NativeLibrary.Load(Lib);
        return Marshal.ReadIntPtr(NativeLibrary.GetExport(lib, value ? "kCFBooleanTrue" : "kCFBooleanFalse"));
    }

    /// <summary>A new owned CFString for <paramref name="value"/>; the caller releases it (use <see cref="OwnedString"/>).</summary>
    public static IntPtr CreateString(string value)
    {
        var s = CFStringCreateWithCharacters(IntPtr.Zero, value, value.Length);
        return s != IntPtr.Zero ? s : throw new AxException(AxError.Failure, "CFStringCreateWithCharacters");
    }

    /// <summary>Copies a (borrowed) CFString's UTF-16 units into a managed string of exactly that length.</summary>
    public static string ReadString(IntPtr cfString)
    {
        var length = CFStringGetLength(cfString);
        if (length <= 0)
            return "";
        var buffer = new ushort[length];
        CFStringGetCharacters(cfString, new CFRange(0, length), buffer);
        return new string(System.Runtime.InteropServices.MemoryMarshal.Cast<ushort, char>(buffer));
    }

    /// <summary>Releases <paramref name="cf"/> when it is not NULL (CFRelease(NULL) crashes).</summary>
    public static void Release(IntPtr cf)
    {
        if (cf != IntPtr.Zero)
            CFRelease(cf);
    }

    /// <summary>An owned CFString released on Dispose: <c>using var key = new OwnedString("AXRole");</c></summary>
    public readonly struct OwnedString(string value) : IDisposable
    {
        public IntPtr Handle { get; } = CreateString(value);

        public void Dispose() => Release(Handle);
    }
}
