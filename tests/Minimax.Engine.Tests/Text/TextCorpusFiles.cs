using System.Text;
using Minimax.Engine.Text;

namespace Minimax.Engine.Tests.Text;

/// <summary>Writes corpus files under a root folder, creating subfolders as needed.</summary>
internal static class TextCorpusFiles
{
    public static string Write(string root, string relative, string content)
    {
        var file = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public static string WriteBytes(string root, string relative, byte[] content)
    {
        var file = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, content);
        return file;
    }

    /// <summary>A jsonl record with the text at "text" and the domain at meta.pile_set_name.</summary>
    public static string Record(string text, string domain) =>
        $$$"""{"text": "{{{text}}}", "meta": {"pile_set_name": "{{{domain}}}"}}""";

    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";

    public static long[] Bytes(string text) => Encoding.UTF8.GetBytes(text).Select(b => (long)b).ToArray();

    public static long[][] Windows(TokenWindows windows) =>
        Enumerable.Range(0, windows.Count).Select(i => windows.Window(i).ToArray()).ToArray();
}
