using System.Diagnostics;
using System.Runtime.Versioning;
using static LineAgent.Agent.MessagesApp.Accessibility.Mac.CoreFoundation;

namespace LineAgent.Agent.MessagesApp.Accessibility.Mac;

/// <summary>
/// Messages.app through the real accessibility API. Deep links go through <c>/usr/bin/open -g</c> (background, the
/// URL as its own argv item); Return and Cmd-V are CGEvents posted to Messages' pid only; titles come from Messages' own
/// localisation tables through CFBundle, exactly the bundles and tables Beeper reads (LocalizedStrings.swift).
/// </summary>
[SupportedOSPlatform("macos")]
internal sealed class MacAxApplication : IAxApplication
{
    /// <summary>Per-element messaging timeout: blip uses 2 s on the Messages app element so a hung app fails fast.</summary>
    private const float MessagingTimeoutSeconds = 2f;

    // ChatKit moved out of iOSSupport on 26 (ipsw diffs); Beeper's paths are the iOSSupport ones. First existing wins.
    private static readonly string[] ChatKitAxBundlePaths =
    [
        "/System/iOSSupport/System/Library/AccessibilityBundles/ChatKitFramework.axbundle",
        "/System/Library/AccessibilityBundles/ChatKitFramework.axbundle",
    ];
    private static readonly string[] ChatKitBundlePaths =
    [
        "/System/iOSSupport/System/Library/PrivateFrameworks/ChatKit.framework",
        "/System/Library/PrivateFrameworks/ChatKit.framework",
    ];

    private readonly int _pid;
    private readonly MacAxElement _root;
    private readonly Dictionary<AxStringKey, string?> _titles = [];

    public MacAxApplication(int pid)
    {
        _pid = pid;
        _root = new MacAxElement(HIServices.AXUIElementCreateApplication(pid));
        _ = HIServices.AXUIElementSetMessagingTimeout(_root.Handle, MessagingTimeoutSeconds);
    }

    public bool IsTrusted => HIServices.AXIsProcessTrusted() != 0;

    public bool IsScreenLocked
    {
        get
        {
            var session = Quartz.CGSessionCopyCurrentDictionary();
            if (session == IntPtr.Zero)
                return true;    // no window-server session (logged out, ssh only): nothing can be driven
            try
            {
                using var key = new OwnedString("CGSSessionScreenIsLocked");
                var value = CFDictionaryGetValue(session, key.Handle);   // borrowed; absent when unlocked
                return value != IntPtr.Zero && CFGetTypeID(value) == CFBooleanGetTypeID() && CFBooleanGetValue(value) != 0;
            }
            finally
            {
                Release(session);
            }
        }
    }

    public IAxElement Root => _root;

    public IReadOnlyList<IAxElement> Windows
    {
        get
        {
            // Beeper's allWindows: AXWindows can miss a window moved to another Space; add main and focused window.
            var all = new List<IAxElement>(_root.GetElements(AxNames.Windows));
            if (_root.GetElement(AxNames.MainWindow) is { } main) all.Add(main);
            if (_root.GetElement(AxNames.FocusedWindow) is { } focused) all.Add(focused);
            var distinct = new List<IAxElement>();
            foreach (var w in all)
                if (w.Role == AxNames.RoleWindow && !distinct.Any(d => d.IsSameAs(w)))
                    distinct.Add(w);   // a locked or stale session lists the app itself here (CO §4): filtered by role
            return distinct;
        }
    }

    public IAxElement? MenuBar => _root.GetElement(AxNames.MenuBar);

    public IAxElement? FocusedElement => _root.GetElement(AxNames.FocusedUIElement);

    public void OpenUrl(string url)
    {
        var start = new ProcessStartInfo("/usr/bin/open") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add("-g");       // do not bring Messages to the front
        start.ArgumentList.Add(url);        // one argv item: never parsed by a shell or a script
        using var process = Process.Start(start) ?? throw new AxException(AxError.Failure, "open");
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill();
            throw new AxException(AxError.CannotComplete, "open");
        }
        if (process.ExitCode != 0)
            throw new AxException(AxError.Failure, "open");
    }

    public void PostReturn() => PostKey(Quartz.ReturnKeyCode, flags: null);

    // Beeper's keyPresser.commandV: the V key with the Command flag on both the down and the up event, to this pid only.
    public void PostPaste() => PostKey(Quartz.VKeyCode, Quartz.CommandFlag);

    public IPasteboard Pasteboard { get; } = new MacPasteboard();

    private void PostKey(ushort keyCode, ulong? flags)
    {
        var source = Quartz.CGEventSourceCreate(Quartz.HidSystemState);
        try
        {
            foreach (var down in new[] { true, false })
            {
                var evt = Quartz.CGEventCreateKeyboardEvent(source, keyCode, down ? (byte)1 : (byte)0);
                if (evt == IntPtr.Zero)
                    throw new AxException(AxError.Failure, "CGEventCreateKeyboardEvent");
                if (flags is { } f)
                    Quartz.CGEventSetFlags(evt, f);
                Quartz.CGEventPostToPid(_pid, evt);
                Release(evt);
            }
        }
        finally
        {
            Release(source);
        }
    }

    public string? Localized(AxStringKey key)
    {
        lock (_titles)
        {
            if (!_titles.TryGetValue(key, out var title))
                _titles[key] = title = Lookup(key);
            return title;
        }
    }

    public void Dispose() => GC.KeepAlive(_root);

    private static string? Lookup(AxStringKey key)
    {
        var path = (key.Bundle == AxBundle.ChatKit ? ChatKitBundlePaths : ChatKitAxBundlePaths).FirstOrDefault(Directory.Exists);
        if (path is null)
            return null;
        using var cfPath = new OwnedString(path);
        var url = CFURLCreateWithFileSystemPath(IntPtr.Zero, cfPath.Handle, PosixPathStyle, 1);
        if (url == IntPtr.Zero)
            return null;
        try
        {
            var bundle = CFBundleCreate(IntPtr.Zero, url);
            if (bundle == IntPtr.Zero)
                return null;
            try
            {
                using var cfKey = new OwnedString(key.Key);
                using var table = new OwnedString(key.Table);
                var text = CFBundleCopyLocalizedString(bundle, cfKey.Handle, IntPtr.Zero, table.Handle);
                if (text == IntPtr.Zero)
                    return null;
                try
                {
                    var value = ReadString(text);
                    return value.Length == 0 || value == key.Key ? null : value;   // a missing key comes back as itself
                }
                finally
                {
                    Release(text);
                }
            }
            finally
            {
                Release(bundle);
            }
        }
        finally
        {
            Release(url);
        }
    }
}

/// <summary>Finds the one running Messages (by executable path) and connects to it.</summary>
[SupportedOSPlatform("macos")]
internal sealed class MacAxConnector : IAxConnector
{
    private const string MessagesExecutable = "/System/Applications/Messages.app/Contents/MacOS/Messages";

    public IAxApplication Connect()
    {
        var pids = Process.GetProcessesByName("Messages").Select(p => { using (p) return p.Id; }).Where(IsMessages).ToList();
        return pids.Count switch
        {
            0 => throw AxFailures.Unavailable("Messages is not running (the agent launches it before the next send; add it to Login Items)."),
            1 => new MacAxApplication(pids[0]),
            // Beeper terminates extra instances; we never guess which one the user sees.
            _ => throw AxFailures.Unavailable($"{pids.Count} Messages processes are running; quit the extra ones."),
        };
    }

    private static bool IsMessages(int pid)
    {
        var buffer = new byte[4096];   // PROC_PIDPATHINFO_MAXSIZE = 4 * MAXPATHLEN
        var length = LibProc.proc_pidpath(pid, buffer, (uint)buffer.Length);
        return length > 0 && System.Text.Encoding.UTF8.GetString(buffer, 0, length) == MessagesExecutable;
    }
}
