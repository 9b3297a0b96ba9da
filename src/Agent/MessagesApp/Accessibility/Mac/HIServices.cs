using System.Runtime.InteropServices;

namespace LineAgent.Agent.MessagesApp.Accessibility.Mac;

/// <summary>
/// The accessibility API (HIServices, exported by the ApplicationServices umbrella), declared against AXUIElement.h,
/// AXValue.h and AXError.h. AXError is a 32-bit int (SInt32); pid_t is int; Boolean is returned as byte.
/// </summary>
internal static class HIServices
{
    private const string Lib = "/System/Library/Frameworks/ApplicationServices.framework/ApplicationServices";

    /// <summary>kAXValueCGRectType = 3 (AXValue.h: AXValueType).</summary>
    public const int AXValueCGRectType = 3;

    // Boolean AXIsProcessTrusted(void);  — never prompts (AXIsProcessTrustedWithOptions would).
    [DllImport(Lib)] public static extern byte AXIsProcessTrusted();

    // AXUIElementRef AXUIElementCreateApplication(pid_t pid);  Owned (Create Rule).
    [DllImport(Lib)] public static extern IntPtr AXUIElementCreateApplication(int pid);

    // AXError AXUIElementCopyAttributeValue(AXUIElementRef element, CFStringRef attribute, CFTypeRef *value);  *value Owned on success.
    [DllImport(Lib)] public static extern int AXUIElementCopyAttributeValue(IntPtr element, IntPtr attribute, out IntPtr value);

    // AXError AXUIElementCopyActionNames(AXUIElementRef element, CFArrayRef *names);  *names Owned on success.
    [DllImport(Lib)] public static extern int AXUIElementCopyActionNames(IntPtr element, out IntPtr names);

    // AXError AXUIElementPerformAction(AXUIElementRef element, CFStringRef action);
    [DllImport(Lib)] public static extern int AXUIElementPerformAction(IntPtr element, IntPtr action);

    // AXError AXUIElementSetAttributeValue(AXUIElementRef element, CFStringRef attribute, CFTypeRef value);  value stays ours.
    [DllImport(Lib)] public static extern int AXUIElementSetAttributeValue(IntPtr element, IntPtr attribute, IntPtr value);

    // AXError AXUIElementSetMessagingTimeout(AXUIElementRef element, float timeoutInSeconds);
    [DllImport(Lib)] public static extern int AXUIElementSetMessagingTimeout(IntPtr element, float timeoutInSeconds);

    // CFTypeID AXUIElementGetTypeID(void);  CFTypeID AXValueGetTypeID(void);
    [DllImport(Lib)] public static extern nuint AXUIElementGetTypeID();
    [DllImport(Lib)] public static extern nuint AXValueGetTypeID();

    // Boolean AXValueGetValue(AXValueRef value, AXValueType theType, void *valuePtr);  — false when the type differs.
    [DllImport(Lib)] public static extern byte AXValueGetValue(IntPtr value, int theType, out CGRect valuePtr);

    /// <summary>struct CGRect { CGPoint origin; CGSize size; } with CGFloat = double on 64-bit (CGGeometry.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly struct CGRect
    {
        public readonly double X;
        public readonly double Y;
        public readonly double Width;
        public readonly double Height;
    }
}

/// <summary>
/// Quartz event services and session info (CoreGraphics, CGEvent.h / CGEventSource.h / CGSession.h), reached through
/// the ApplicationServices umbrella that re-exports CoreGraphics.
/// </summary>
internal static class Quartz
{
    private const string Lib = "/System/Library/Frameworks/ApplicationServices.framework/ApplicationServices";

    /// <summary>kCGEventSourceStateHIDSystemState = 1: Beeper found events from a nil source are dropped for some users.</summary>
    public const int HidSystemState = 1;

    /// <summary>kVK_Return = 0x24 (HIToolbox Events.h): a physical key code, the same on every keyboard layout.</summary>
    public const ushort ReturnKeyCode = 0x24;

    /// <summary>
    /// kVK_ANSI_V = 0x09 (HIToolbox Events.h): the key in the V position of an ANSI keyboard. Cmd shortcuts follow the
    /// active layout, so on a layout where that key is not V (Dvorak) this is another shortcut: the driver only ever
    /// presses Return after the compose field shows the pasted files, so such a press never sends anything.
    /// </summary>
    public const ushort VKeyCode = 0x09;

    /// <summary>kCGEventFlagMaskCommand = NX_COMMANDMASK = 0x00100000 (CGEventTypes.h).</summary>
    public const ulong CommandFlag = 0x00100000;

    // CGEventSourceRef CGEventSourceCreate(CGEventSourceStateID stateID);  Owned.
    [DllImport(Lib)] public static extern IntPtr CGEventSourceCreate(int stateId);

    // CGEventRef CGEventCreateKeyboardEvent(CGEventSourceRef source, CGKeyCode virtualKey, bool keyDown);  Owned.
    // CGKeyCode is uint16_t; C99 bool is one byte.
    [DllImport(Lib)] public static extern IntPtr CGEventCreateKeyboardEvent(IntPtr source, ushort virtualKey, byte keyDown);

    // void CGEventSetFlags(CGEventRef event, CGEventFlags flags);  — CGEventFlags is uint64_t.
    [DllImport(Lib)] public static extern void CGEventSetFlags(IntPtr evt, ulong flags);

    // void CGEventPostToPid(pid_t pid, CGEventRef event);  — delivered to that process only (macOS 10.11+).
    [DllImport(Lib)] public static extern void CGEventPostToPid(int pid, IntPtr evt);

    // CFDictionaryRef CGSessionCopyCurrentDictionary(void);  Owned; NULL when there is no window-server session.
    [DllImport(Lib)] public static extern IntPtr CGSessionCopyCurrentDictionary();
}

/// <summary>libproc's proc_pidpath (libproc.h), to check a pid really is Messages.app's executable.</summary>
internal static class LibProc
{
    // int proc_pidpath(int pid, void *buffer, uint32_t buffersize);  — returns the path length, 0 on error.
    [DllImport("/usr/lib/libproc.dylib")] public static extern int proc_pidpath(int pid, [Out] byte[] buffer, uint bufferSize);
}
