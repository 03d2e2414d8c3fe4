using Minimax.Engine.Data;

namespace Minimax.Engine.Text;

/// <summary>Finds a corpus's files, in ordinal name order, and checks the folder layout without reading them.</summary>
internal static class TextLayout
{
    public const string TextExtension = ".txt";

    public const string JsonlExtension = ".jsonl";

    /// <summary>The domain subfolders of a text_folders corpus (ordinal by name), each with its .txt and .jsonl files.</summary>
    public static IReadOnlyList<(string Domain, string[] Files)> DomainFolders(string root, int maxDomains)
    {
        RequireDirectory(root, "a text_folders corpus is a folder with one subfolder per domain");
        var stray = TextFiles(root).FirstOrDefault();
        if (stray is not null)
        {
            throw new DataException(stray, null, null, "text files must sit in one subfolder per domain, not in the corpus folder itself");
        }

        var folders = Directory.GetDirectories(root).Order(StringComparer.Ordinal).ToArray();
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
            var files = TextFiles(folder);
            if (files.Length == 0)
            {
                throw new DataException(folder, null, null, $"the domain folder holds no {TextExtension} or {JsonlExtension} files");
            }

            return (Path.GetFileName(folder), files);
        }).ToArray();
    }

    /// <summary>A .jsonl file, or the .jsonl files of a folder (ordinal by name).</summary>
    public static string[] JsonlFiles(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        RequireDirectory(path, "a jsonl corpus is a .jsonl file or a folder of them");
        var files = Files(path, JsonlExtension);
        if (files.Length == 0)
        {
            throw new DataException(path, null, null, $"the folder holds no {JsonlExtension} files");
        }

        return files;
    }

    private static string[] TextFiles(string folder) =>
        Directory.GetFiles(folder)
            .Where(f => HasExtension(f, TextExtension) || HasExtension(f, JsonlExtension))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static string[] Files(string folder, string extension) =>
        Directory.GetFiles(folder).Where(f => HasExtension(f, extension)).Order(StringComparer.Ordinal).ToArray();

    public static bool HasExtension(string file, string extension) =>
        Path.GetExtension(file).Equals(extension, StringComparison.OrdinalIgnoreCase);

    private static void RequireDirectory(string path, string layout)
    {
        if (File.Exists(path))
        {
            throw new DataException(path, null, null, $"expected a folder, found a file: {layout}");
        }

        if (!Directory.Exists(path))
        {
            throw new DataException(path, null, null, "the path does not exist");
        }
    }
}
