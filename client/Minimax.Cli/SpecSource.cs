using Minimax.Contracts.Api;

namespace Minimax.Cli;

/// <summary>A spec file's text and the folder its relative data paths resolve against.</summary>
internal sealed record SpecSource(string Yaml, string Directory)
{
    /// <summary>Reads the file, or writes one line to stderr and returns null (exit with <see cref="Client.ExitCodes.BadInput"/>).</summary>
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

    /// <summary>The SubmitJob request for this spec with <paramref name="overrides"/>; the request id makes retries return the same job.</summary>
    public SubmitJobRequest Request(IEnumerable<string> overrides, string requestId)
    {
        var request = new SubmitJobRequest { SpecYaml = Yaml, SpecDirectory = Directory, RequestId = requestId };
        request.Overrides.AddRange(overrides);
        return request;
    }
}
