using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LineAgent.Agent.Attachments;

/// <summary>
/// Opens a file for reading only when it is a regular file, without ever blocking in open(2). A FIFO, socket or
/// device under the attachment roots (or a path swapped for one after it was checked) would otherwise pin a thread
/// in open or read forever: the file is opened O_NONBLOCK | O_NOFOLLOW, then its type is read from the open
/// descriptor (fstat), so there is no window between the check and the use.
/// </summary>
public static class RegularFile
{
    /// <summary>What <see cref="TryOpenRead"/> found.</summary>
    public enum OpenResult
    {
        /// <summary>A regular file, opened.</summary>
        Opened,

        /// <summary>Nothing there (or not readable by this user).</summary>
        Missing,

        /// <summary>Something else: a FIFO, socket, device, directory or a symbolic link put in its place.</summary>
        NotRegular,
    }

    /// <summary>Opens <paramref name="path"/> for reading when it is a regular file.</summary>
    public static OpenResult TryOpenRead(string path, out SafeFileHandle? handle)
    {
        handle = null;
        if (OperatingSystem.IsWindows())
            return TryOpenReadWindows(path, out handle);

        var fd = open(path, OpenFlags);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            // ELOOP: the last component became a symbolic link (O_NOFOLLOW); ENXIO: a socket, or a device without
            // its driver. Both are "not a regular file"; anything else (ENOENT, EACCES…) is missing to the caller.
            return errno == (OperatingSystem.IsMacOS() ? 62 : 40) || errno == 6 ? OpenResult.NotRegular : OpenResult.Missing;
        }

        var opened = new SafeFileHandle(fd, ownsHandle: true);
        if (SystemNative_FStat(opened, out var status) != 0 || (status.Mode & FileTypeMask) != RegularFileType)
        {
            opened.Dispose();
            return OpenResult.NotRegular;
        }
        handle = opened;
        return OpenResult.Opened;
    }

    private static OpenResult TryOpenReadWindows(string path, out SafeFileHandle? handle)
    {
        handle = null;
        if (!File.Exists(path))
            return OpenResult.Missing;
        handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return OpenResult.Opened;
    }

    // O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC. The values differ between Darwin and Linux (generic, as on
    // x64 and arm64). O_NONBLOCK has no effect on reads of a regular file, so it can stay set.
    private static int OpenFlags => OperatingSystem.IsMacOS()
        ? 0x0004 | 0x0100 | 0x0100_0000
        : 0x0800 | 0x2_0000 | 0x8_0000;

    // The runtime's own portable stat (System.Native ships with every .NET runtime, self-contained or not): its
    // file-type bits are the POSIX ones on every platform.
    private const int FileTypeMask = 0xF000;
    private const int RegularFileType = 0x8000;

    // open(2) is variadic; the mode argument is only read with O_CREAT, which is never passed here.
    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libSystem.Native", SetLastError = true)]
    private static extern int SystemNative_FStat(SafeFileHandle fd, out NativeFileStatus status);

    /// <summary>System.Native's FileStatus: Flags and Mode lead; the rest is room for the fields that follow.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct NativeFileStatus
    {
        public int Flags;
        public int Mode;
        // Uid, Gid, Size, times, Dev, RDev, Ino, UserFlags…: never read, but the native side writes them, so the
        // struct is kept larger than any version of it (256 bytes in all).
        private readonly Reserved _reserved;
    }

    [StructLayout(LayoutKind.Sequential, Size = 248)]
    private struct Reserved
    {
        private readonly long _first;
    }
}
