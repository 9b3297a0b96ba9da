using System.Runtime.InteropServices;

namespace LineAgent.Agent.Operations;

/// <summary>The current user's numeric id, needed for launchd's gui/&lt;uid&gt; domain.</summary>
public static class UnixUser
{
    /// <summary>getuid(2) on macOS and Linux; -1 on Windows.</summary>
    public static int CurrentUid() => OperatingSystem.IsWindows() ? -1 : (int)getuid();

    // DllImport rather than LibraryImport: the project does not allow unsafe code, and getuid takes no arguments to marshal.
    [DllImport("libc", EntryPoint = "getuid")]
    private static extern uint getuid();
}
