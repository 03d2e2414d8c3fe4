using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Minimax.Engine.Files;

/// <summary>
/// The kind of file a path or an open handle names. .NET's file APIs cannot tell a regular file from a device
/// or a FIFO (File.Exists is true for /dev/zero), so on Linux this asks the kernel with statx(2), whose
/// struct layout is the same on every architecture. Elsewhere only files and folders are told apart.
/// </summary>
internal static class FileNodes
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const int ENOENT = 2;
    private const int EACCES = 13;
    private const int ENOTDIR = 20;

    /// <summary>The kind of the file <paramref name="path"/> names, following symbolic links.</summary>
    public static FileNodeKind KindOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Directory.Exists(path) ? FileNodeKind.Folder : File.Exists(path) ? FileNodeKind.RegularFile : FileNodeKind.Missing;
        }

        var buffer = new byte[StatxSize];
        return statx(AtFdCwd, path, 0, StatxType, buffer) == 0 ? Kind(buffer) : Failure(path);
    }

    /// <summary>The kind of the file an open handle reads: the file actually opened, whatever the path named when checked.</summary>
    public static FileNodeKind KindOf(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return FileNodeKind.RegularFile;
        }

        var buffer = new byte[StatxSize];
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxType, buffer) == 0 ? Kind(buffer) : FileNodeKind.Unknown;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>The physical path of the file an open handle reads (Linux: /proc/self/fd), or null where the system cannot say.</summary>
    public static string? PathOf(SafeFileHandle handle) =>
        OperatingSystem.IsLinux() ? new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget : null;

    /// <summary>The kind in words, for messages.</summary>
    public static string Describe(FileNodeKind kind) => kind switch
    {
        FileNodeKind.CharacterDevice => "a character device",
        FileNodeKind.BlockDevice => "a block device",
        FileNodeKind.Fifo => "a FIFO (named pipe)",
        FileNodeKind.Socket => "a socket",
        FileNodeKind.Folder => "a folder",
        FileNodeKind.Missing => "missing",
        FileNodeKind.RegularFile => "a regular file",
        _ => "a special file",
    };

    private static FileNodeKind Kind(byte[] buffer) => (BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000) switch
    {
        0x8000 => FileNodeKind.RegularFile,
        0x4000 => FileNodeKind.Folder,
        0x2000 => FileNodeKind.CharacterDevice,
        0x6000 => FileNodeKind.BlockDevice,
        0x1000 => FileNodeKind.Fifo,
        0xC000 => FileNodeKind.Socket,
        _ => FileNodeKind.Unknown,
    };

    private static FileNodeKind Failure(string path)
    {
        var error = Marshal.GetLastPInvokeError();
        return error switch
        {
            ENOENT or ENOTDIR => FileNodeKind.Missing,
            EACCES => throw new UnauthorizedAccessException($"{path}: permission denied"),
            _ => throw new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(error)}"),
        };
    }

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code in the whole engine.
    [DllImport("libc.so.6", SetLastError = true)]
    private static extern int statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
