using Minimax.Engine.Data;
using Minimax.Engine.Files;

namespace Minimax.Engine.Text;

/// <summary>Finds a corpus's files, in ordinal name order, through the data roots, and checks the folder layout without reading them.</summary>
internal static class TextLayout
{
    public const string TextExtension = ".txt";

    public const string JsonlExtension = ".jsonl";

    /// <summary>The domain subfolders of a text_folders corpus (ordinal by name), each with its .txt and .jsonl files.</summary>
    public static IReadOnlyList<(string Domain, string[] Files)> DomainFolders(string root, int maxDomains, DataRoots roots)
    {
        RequireDirectory(root, "a text_folders corpus is a folder with one subfolder per domain", roots);
        var stray = TextFiles(root, roots).FirstOrDefault();
        if (stray is not null)
        {
            throw new DataException(stray, null, null, "text files must sit in one subfolder per domain, not in the corpus folder itself");
        }

        var folders = roots.Folders(root);
        if (folders.Length == 0)
        {
            throw new DataException(root, null, null, "the folder has no domain subfolders");
        }

        if (folders.Length > maxDomains)
        {
            throw new DataException(root, null, null, $"the folder has {folders.Length} domain subfolders; at most {maxDomains} domains are allowed");
        }

        return folders.Select(folder =>
        {
            var files = TextFiles(folder, roots);
            if (files.Length == 0)
            {
                throw new DataException(folder, null, null, $"the domain folder holds no {TextExtension} or {JsonlExtension} files");
            }

            return (Path.GetFileName(folder), files);
        }).ToArray();
    }

    /// <summary>A .jsonl file, or the .jsonl files of a folder (ordinal by name).</summary>
    public static string[] JsonlFiles(string path, DataRoots roots)
    {
        if (roots.Inspect(path) == FileNodeKind.RegularFile)
        {
            return [path];
        }

        RequireDirectory(path, "a jsonl corpus is a .jsonl file or a folder of them", roots);
        var files = roots.Files(path, f => HasExtension(f, JsonlExtension));
        if (files.Length == 0)
        {
            throw new DataException(path, null, null, $"the folder holds no {JsonlExtension} files");
        }

        return files;
    }

    private static string[] TextFiles(string folder, DataRoots roots) =>
        roots.Files(folder, f => HasExtension(f, TextExtension) || HasExtension(f, JsonlExtension));

    public static bool HasExtension(string file, string extension) =>
        Path.GetExtension(file).Equals(extension, StringComparison.OrdinalIgnoreCase);

    private static void RequireDirectory(string path, string layout, DataRoots roots)
    {
        switch (roots.Inspect(path))
        {
            case FileNodeKind.RegularFile:
                throw new DataException(path, null, null, $"expected a folder, found a file: {layout}");
            case FileNodeKind.Missing:
                throw new DataException(path, null, null, "the path does not exist");
        }
    }
}
