using Minimax.Client.Cli;

namespace Minimax.Client.Runs;

/// <summary>A spec file's text and the folder its relative data paths resolve against.</summary>
internal sealed record SpecSource(string Yaml, string Directory)
{
    /// <summary>Reads the file, or writes one line to stderr and returns null with <see cref="ExitCodes.BadInput"/> to use.</summary>
    public static SpecSource? TryRead(string path)
    {
        try
        {
            var fullPath = Path.GetFullPath(path);
            if (!File.Exists(fullPath))
            {
                Console.Error.WriteLine($"error: spec file '{path}' not found");
                return null;
            }

            return new SpecSource(File.ReadAllText(fullPath), Path.GetDirectoryName(fullPath) ?? fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Console.Error.WriteLine($"error: cannot read spec file '{path}': {e.Message}");
            return null;
        }
    }
}
