using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Minimax.Contracts.Specs;

/// <summary>
/// Walks the YAML event stream before the representation model loads it: the loader recurses
/// once per nesting level and throws on duplicate keys without saying where, so depth and key
/// uniqueness are checked here first, iteratively, with the dotted path of the offending key.
/// </summary>
internal static class YamlStructureGuard
{
    public const int MaxDepth = 32;

    /// <summary>Checks one source (the spec, or one override value) and returns its document count.</summary>
    public static int Check(string yaml, string pathPrefix, string field)
    {
        var parser = new Parser(new StringReader(yaml));
        var frames = new Stack<Frame>();
        var documents = 0;
        ParsingEvent? last = null;
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current;
                switch (parser.Current)
                {
                    case DocumentStart:
                        documents++;
                        break;
                    case Scalar scalar:
                        OnNode(frames, scalar, pathPrefix, keyText: scalar.Value);
                        break;
                    case AnchorAlias alias:
                        OnNode(frames, alias, pathPrefix, keyText: null);
                        break;
                    case MappingStart or SequenceStart:
                        var path = OnNode(frames, parser.Current, pathPrefix, keyText: null);
                        if (frames.Count >= MaxDepth)
                        {
                            throw new SpecException(OrRoot(path, field), $"nested deeper than {MaxDepth} levels");
                        }

                        frames.Push(new Frame(parser.Current is MappingStart, path));
                        break;
                    case MappingEnd or SequenceEnd:
                        frames.Pop();
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            throw new SpecException(field, $"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {Describe(e)}", e);
        }
        catch (Exception e) when (e is not SpecException)
        {
            // The scanner throws plain exceptions on some malformed input (an unclosed flow list).
            var where = last is null ? "at line 1" : $"after line {last.End.Line}, column {last.End.Column}";
            throw new SpecException(field, $"invalid YAML {where}", e);
        }

        return documents;
    }

    /// <summary>Records a node in its parent and returns the node's dotted path.</summary>
    private static string OnNode(Stack<Frame> frames, ParsingEvent node, string pathPrefix, string? keyText)
    {
        if (frames.Count == 0)
        {
            return pathPrefix;
        }

        var parent = frames.Peek();
        if (!parent.IsMapping)
        {
            return $"{parent.Path}[{parent.Items++}]";
        }

        if (parent.PendingKey is { } key)
        {
            parent.PendingKey = null;
            return Join(parent.Path, key);
        }

        if (keyText is null)
        {
            throw new SpecException(OrRoot(parent.Path, "spec"),
                $"keys must be plain names (line {node.Start.Line})");
        }

        if (!parent.Keys.Add(keyText))
        {
            throw new SpecException(Join(parent.Path, keyText), $"duplicate key (line {node.Start.Line})");
        }

        parent.PendingKey = keyText;
        return Join(parent.Path, keyText);
    }

    private static string Describe(YamlException e) =>
        e.InnerException is { } inner && e.Message.Contains("See inner exception", StringComparison.Ordinal)
            ? inner.Message
            : e.Message;

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string OrRoot(string path, string root) => path.Length == 0 ? root : path;

    private sealed class Frame(bool isMapping, string path)
    {
        public bool IsMapping { get; } = isMapping;
        public string Path { get; } = path;
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public string? PendingKey { get; set; }
        public int Items { get; set; }
    }
}
