using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Minimax.Client.Mixtures;

/// <summary>What a spec asks the cluster for: one training run, or a DoReMi mixture job.</summary>
internal enum JobKind
{
    Train,
    Doremi,
}

/// <summary>
/// Reads the top-level <c>kind</c> key of a spec (a <c>--set kind=...</c> override wins): absent or
/// <c>train</c> is a training run, <c>doremi</c> a mixture job, anything else bad input. YAML that
/// does not parse is left to the cluster, which names the problem, so it counts as a training run.
/// </summary>
internal static class SpecKind
{
    public const string Key = "kind";

    /// <summary>The kind, or null after writing "error: ..." to stderr (exit with <see cref="Cli.ExitCodes.BadInput"/>).</summary>
    public static JobKind? Resolve(string yaml, IEnumerable<string> overrides)
    {
        var kind = Detect(yaml, overrides, out var error);
        if (error is not null)
        {
            Console.Error.WriteLine($"error: {error}");
        }

        return kind;
    }

    /// <summary>The kind, or null with a one-line <paramref name="error"/> (without the "error: " prefix).</summary>
    public static JobKind? Detect(string yaml, IEnumerable<string> overrides, out string? error)
    {
        error = null;
        var text = overrides.LastOrDefault(o => o.StartsWith(Key + "=", StringComparison.Ordinal)) is { } set
            ? set[(Key.Length + 1)..].Trim()
            : TopLevelKind(yaml, out error);
        if (error is not null)
        {
            return null;
        }

        switch (text)
        {
            case null or "train":
                return JobKind.Train;
            case "doremi":
                return JobKind.Doremi;
            default:
                error = $"{Key}: '{text}' is not a job kind; use train (the default) or doremi";
                return null;
        }
    }

    private static string? TopLevelKind(string yaml, out string? error)
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

                error = $"{Key}: must be a word (train or doremi), not a {(value is YamlMappingNode ? "mapping" : "list")}";
                return null;
            }
        }

        return null;
    }
}
