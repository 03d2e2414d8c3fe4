namespace Minimax.Engine.Files;

/// <summary>
/// realpath(3) in managed code: an absolute path with every symbolic link (of the file and of each
/// parent folder) replaced by its target and <c>..</c> applied after resolving, as the kernel does.
/// Components that do not exist are kept as written.
/// </summary>
public static class PhysicalPath
{
    // Linux's MAXSYMLINKS.
    private const int MaxLinks = 40;

    public static string Resolve(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string absolute, ref int links)
    {
        var root = Path.GetPathRoot(absolute)!;
        var current = root;
        var parts = absolute[root.Length..].Split(
            [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            var next = Path.Join(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks)
            {
                throw new IOException($"{absolute}: too many levels of symbolic links");
            }
            // A relative target is relative to the folder holding the link, which is already resolved.
            current = Resolve(Path.IsPathRooted(target) ? target : Path.Join(current, target), ref links);
        }
        return current;
    }
}
