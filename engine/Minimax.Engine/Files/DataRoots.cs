using Minimax.Engine.Data;

namespace Minimax.Engine.Files;

/// <summary>
/// The folders a job may read data from, with symbolic links resolved, less the folders that are never data
/// (the checkpoint store). Every data reader lists folders and opens files through this, so neither <c>..</c>,
/// an absolute path nor a link anywhere inside a corpus reaches a file outside the roots, and a device, FIFO
/// or socket is refused before it is opened.
/// </summary>
public sealed class DataRoots
{
    private readonly string[] roots;
    private readonly string[] excluded;

    /// <param name="roots">Absolute folders; links in them are resolved here, once.</param>
    /// <param name="excluded">Folders inside the roots that are never data.</param>
    public DataRoots(IEnumerable<string> roots, IEnumerable<string>? excluded = null)
    {
        this.roots = roots.Select(PhysicalPath.Resolve).Distinct(StringComparer.Ordinal).ToArray();
        this.excluded = (excluded ?? []).Select(PhysicalPath.Resolve).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The whole file system: still no special files. For tools and tests that read their own files.</summary>
    public static DataRoots Everywhere { get; } = new([Path.GetPathRoot(Path.GetTempPath())!]);

    /// <summary>The physical roots.</summary>
    public IReadOnlyList<string> Roots => roots;

    /// <summary>The physical folders that are never data.</summary>
    public IReadOnlyList<string> Excluded => excluded;

    /// <summary>The physical path of <paramref name="path"/> when it lies inside a root and outside every excluded folder; otherwise null.</summary>
    /// <exception cref="IOException">The path has too many levels of links.</exception>
    public string? Confine(string path)
    {
        string physical;
        try
        {
            physical = PhysicalPath.Resolve(path);
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        return Allows(physical) ? physical : null;
    }

    /// <summary>Whether <paramref name="path"/> names a missing path, a file or a folder; a path outside the roots or a special file is a <see cref="DataException"/>.</summary>
    public FileNodeKind Inspect(string path)
    {
        var kind = KindOf(path, Physical(path));
        return kind is FileNodeKind.Missing or FileNodeKind.RegularFile or FileNodeKind.Folder
            ? kind
            : throw Special(path, kind);
    }

    /// <summary>The subfolders of <paramref name="folder"/>, ordinal by name; a link to a folder outside the roots is a <see cref="DataException"/>.</summary>
    public string[] Folders(string folder) =>
        Entries(folder)
            .Where(entry => KindOf(entry, null) == FileNodeKind.Folder && Inspect(entry) == FileNodeKind.Folder)
            .ToArray();

    /// <summary>
    /// The files of <paramref name="folder"/> whose names <paramref name="wanted"/> accepts, ordinal by name. Each
    /// must lie inside the roots and be a regular file (a <see cref="DataException"/> otherwise).
    /// </summary>
    public string[] Files(string folder, Func<string, bool> wanted) =>
        Entries(folder)
            .Where(entry => wanted(entry) && KindOf(entry, null) != FileNodeKind.Folder)
            .Select(entry => Inspect(entry) == FileNodeKind.RegularFile ? entry : throw new DataException(entry, null, null, "the file does not exist"))
            .ToArray();

    /// <summary>Opens a regular file inside the roots for reading; anything else is a <see cref="DataException"/> naming it.</summary>
    public FileStream OpenRead(string file)
    {
        var physical = Physical(file);
        var kind = KindOf(file, physical);
        if (kind != FileNodeKind.RegularFile)
        {
            throw kind switch
            {
                FileNodeKind.Missing => new DataException(file, null, null, "the file does not exist"),
                FileNodeKind.Folder => new DataException(file, null, null, "expected a file, found a folder"),
                _ => Special(file, kind),
            };
        }

        FileStream stream;
        try
        {
            stream = new FileStream(physical, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(file, physical, e);
        }

        // The file opened must be the file checked, even if a link was swapped in between.
        var opened = FileNodes.PathOf(stream.SafeFileHandle);
        var openedKind = FileNodes.KindOf(stream.SafeFileHandle);
        if ((opened is not null && !Allows(opened)) || openedKind != FileNodeKind.RegularFile)
        {
            stream.Dispose();
            throw openedKind == FileNodeKind.RegularFile ? Outside(file) : Special(file, openedKind);
        }

        return stream;
    }

    /// <summary>A reader of a text file inside the roots (UTF-8 unless a byte-order mark says otherwise; invalid bytes become U+FFFD).</summary>
    public StreamReader OpenText(string file) => new(OpenRead(file), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    private string[] Entries(string folder)
    {
        var physical = Physical(folder);
        try
        {
            // Listed through the physical folder, named as the caller named it.
            return Directory.EnumerateFileSystemEntries(physical)
                .Select(entry => Path.Join(folder, Path.GetFileName(entry)))
                .Order(StringComparer.Ordinal)
                .ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(folder, physical, e);
        }
    }

    private string Physical(string path)
    {
        try
        {
            return Confine(path) ?? throw Outside(path);
        }
        catch (IOException e)
        {
            throw new DataException(path, null, null, $"cannot be resolved: {e.Message}", e);
        }
    }

    private static FileNodeKind KindOf(string path, string? physical)
    {
        try
        {
            return FileNodes.KindOf(physical ?? path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException(path, null, null, $"cannot be read: {e.Message.Replace(physical ?? path, path, StringComparison.Ordinal)}", e);
        }
    }

    private bool Allows(string physical) =>
        roots.Any(root => IsInside(physical, root)) && !excluded.Any(folder => physical == folder || IsInside(physical, folder));

    private static bool IsInside(string path, string root)
    {
        var folder = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(folder, StringComparison.Ordinal) || path == root;
    }

    // The message never names where a link points: that is outside what the caller may see.
    private static DataException Outside(string path) => new(path, null, null, "is outside the data roots");

    private static DataException Special(string path, FileNodeKind kind) =>
        new(path, null, null, $"is {FileNodes.Describe(kind)}, not a regular file or folder; only regular files are read as data");

    private static DataException Unreadable(string path, string physical, Exception e) =>
        new(path, null, null, $"cannot be read: {e.Message.Replace(physical, path, StringComparison.Ordinal)}", e);
}
