using Minimax.Client.Jobs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Minimax.Cli;

/// <summary>
/// Checks the top-level <c>kind</c> key of a spec (a <c>--set kind=...</c> override wins) against the
/// kinds this client can show, before anything is started or contacted: absent is the first kind
/// (train). YAML that does not parse is left to the cluster, which names the problem.
/// </summary>
internal static class SpecKind
{
    public const string Key = "kind";

    /// <summary>The kind, or null after writing "error: ..." to stderr (exit with <see cref="Client.ExitCodes.BadInput"/>).</summary>
    public static string? Resolve(string yaml, IEnumerable<string> overrides, JobRenderers renderers)
    {
        var kind = Detect(yaml, overrides, renderers, out var error);
        if (error is not null)
        {
            Console.Error.WriteLine($"error: {error}");
        }

        return kind;
    }

    /// <summary>The kind, or null with a one-line <paramref name="error"/> (without the "error: " prefix).</summary>
    public static string? Detect(string yaml, IEnumerable<string> overrides, JobRenderers renderers, out string? error)
    {
        error = null;
        var text = overrides.LastOrDefault(o => o.StartsWith(Key + "=", StringComparison.Ordinal)) is { } set
            ? set[(Key.Length + 1)..].Trim()
            : TopLevelKind(yaml, renderers, out error);
        if (error is not null)
        {
            return null;
        }

        var kind = text ?? renderers.Kinds[0];
        if (renderers.Find(kind) is null)
        {
            error = $"{Key}: '{text}' is not a job kind; use {JobRenderers.Or([$"{renderers.Kinds[0]} (the default)", .. renderers.Kinds.Skip(1)])}";
            return null;
        }

        return kind;
    }

    private static string? TopLevelKind(string yaml, JobRenderers renderers, out string? error)
    {
        error = null;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return null;
        }

        foreach (var (key, value) in root.Children)
        {
            if (key is YamlScalarNode { Value: Key })
            {
                if (value is YamlScalarNode scalar)
                {
                    return scalar.Value ?? "";
                }

                error = $"{Key}: must be a word ({renderers.KindList()}), not a {(value is YamlMappingNode ? "mapping" : "list")}";
                return null;
            }
        }

        return null;
    }
}
