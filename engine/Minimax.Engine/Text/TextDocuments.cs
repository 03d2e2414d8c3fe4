using Minimax.Engine.Data;

namespace Minimax.Engine.Text;

/// <summary>The documents of a corpus in reading order: files in ordinal name order, records in line order.</summary>
internal static class TextDocuments
{
    public static IEnumerable<TextDocument> Read(TextDataOptions options, string path) => options.Format switch
    {
        TextFormat.TextFolders => ReadFolders(options, path),
        TextFormat.Jsonl => ReadJsonl(options, path),
        _ => throw new DataException($"Unknown text format {options.Format}."),
    };

    private static IEnumerable<TextDocument> ReadFolders(TextDataOptions options, string root)
    {
        foreach (var (domain, files) in TextLayout.DomainFolders(root, options.MaxDomains, options.Roots))
        {
            foreach (var file in files)
            {
                if (TextLayout.HasExtension(file, TextLayout.TextExtension))
                {
                    yield return new TextDocument(domain, ReadText(options, file), file, null);
                    continue;
                }

                foreach (var (line, text, _) in JsonlRecords.Read(options.Roots, file, options.TextField, null))
                {
                    yield return new TextDocument(domain, text, file, line);
                }
            }
        }
    }

    private static IEnumerable<TextDocument> ReadJsonl(TextDataOptions options, string path)
    {
        foreach (var file in TextLayout.JsonlFiles(path, options.Roots))
        {
            foreach (var (line, text, domain) in JsonlRecords.Read(options.Roots, file, options.TextField, options.DomainField))
            {
                yield return new TextDocument(domain!, text, file, line);
            }
        }
    }

    private static string ReadText(TextDataOptions options, string file)
    {
        try
        {
            using var reader = options.Roots.OpenText(file);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException(file, null, null, $"cannot read the file: {e.Message}", e);
        }
    }
}
