using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Minimax.Contracts.Specs;

/// <summary>
/// Builds the <see cref="SpecValue"/> tree of one YAML source (the spec, or one override value) in a
/// single iterative walk of YamlDotNet's event stream. YamlDotNet's own loader recurses once per nesting
/// level and throws on duplicate keys without saying where, so depth and key uniqueness are checked here
/// as the tree is built, with the dotted path of the offending key.
/// </summary>
internal static class SpecYamlLoader
{
    public const int MaxDepth = 32;

    /// <summary>The root of the source's only document; null when it holds none or a null.</summary>
    public static SpecValue? Load(string yaml, string pathPrefix, string field)
    {
        var parser = new Parser(new StringReader(yaml));
        var frames = new Stack<Frame>();
        var anchors = new Dictionary<string, SpecValue>(StringComparer.Ordinal);
        var documents = 0;
        SpecValue? root = null;
        ParsingEvent? last = null;
        while (MoveNext(parser, last, field))
        {
            last = parser.Current;
            switch (last)
            {
                case DocumentStart when ++documents > 1:
                    throw new SpecException(field, "holds more than one YAML document");
                case Scalar scalar:
                    var value = new SpecScalar(scalar.Value, scalar.Style is ScalarStyle.Plain or ScalarStyle.Any);
                    Anchor(anchors, scalar, value);
                    Attach(frames, scalar, value, scalar.Value, ref root);
                    break;
                case AnchorAlias alias:
                    var target = anchors.GetValueOrDefault(alias.Value.Value)
                        ?? throw new SpecException(field,
                            $"invalid YAML at line {alias.Start.Line}, column {alias.Start.Column}: the alias *{alias.Value.Value} names no anchor defined before it");
                    Attach(frames, alias, target, keyText: null, ref root);
                    break;
                case MappingStart or SequenceStart:
                    SpecValue collection = last is MappingStart ? new SpecMapping() : new SpecSequence();
                    // Registered before its items, so an item may alias it: the cycle stays a shared node.
                    Anchor(anchors, (NodeEvent)last, collection);
                    var path = NextPath(frames, pathPrefix);
                    Attach(frames, last, collection, keyText: null, ref root);
                    if (frames.Count >= MaxDepth)
                    {
                        throw new SpecException(OrRoot(path, field), $"nested deeper than {MaxDepth} levels");
                    }

                    frames.Push(new Frame(collection, path));
                    break;
                case MappingEnd or SequenceEnd:
                    frames.Pop();
                    break;
            }
        }

        return root is null || root.IsNull ? null : root;
    }

    private static bool MoveNext(Parser parser, ParsingEvent? last, string field)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (YamlException e)
        {
            throw new SpecException(field, $"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {Describe(e)}", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The scanner throws plain exceptions on some malformed input (an unclosed flow list).
            var where = last is null ? "at line 1" : $"after line {last.End.Line}, column {last.End.Column}";
            throw new SpecException(field, $"invalid YAML {where}", e);
        }
    }

    private static void Anchor(Dictionary<string, SpecValue> anchors, NodeEvent node, SpecValue value)
    {
        if (!node.Anchor.IsEmpty)
        {
            // A later anchor of the same name hides the earlier one from the aliases after it.
            anchors[node.Anchor.Value] = value;
        }
    }

    /// <summary>The dotted path of the node that comes next, as a list item or a value (a key is refused by <see cref="Attach"/>).</summary>
    private static string NextPath(Stack<Frame> frames, string pathPrefix)
    {
        if (frames.Count == 0)
        {
            return pathPrefix;
        }

        var parent = frames.Peek();
        return parent.Value is SpecSequence sequence
            ? $"{parent.Path}[{sequence.Children.Count}]"
            : Join(parent.Path, parent.PendingKey ?? "");
    }

    /// <summary>
    /// Places a node in its parent: the next item of a list, a mapping's key (<paramref name="keyText"/>,
    /// refused when null or already there) or the value of the pending key. Paths are built only for
    /// errors and collections, not for every scalar.
    /// </summary>
    private static void Attach(Stack<Frame> frames, ParsingEvent node, SpecValue value, string? keyText, ref SpecValue? root)
    {
        if (frames.Count == 0)
        {
            root = value;
            return;
        }

        var parent = frames.Peek();
        if (parent.Value is SpecSequence sequence)
        {
            sequence.Children.Add(value);
            return;
        }

        var mapping = (SpecMapping)parent.Value;
        if (parent.PendingKey is { } key)
        {
            parent.PendingKey = null;
            mapping.Children.Add(key, value);
            return;
        }

        if (keyText is null)
        {
            throw new SpecException(OrRoot(parent.Path, "spec"), $"keys must be plain names (line {node.Start.Line})");
        }

        if (mapping.Children.ContainsKey(keyText))
        {
            throw new SpecException(Join(parent.Path, keyText), $"duplicate key (line {node.Start.Line})");
        }

        parent.PendingKey = keyText;
    }

    private static string Describe(YamlException e) =>
        e.InnerException is { } inner && e.Message.Contains("See inner exception", StringComparison.Ordinal)
            ? inner.Message
            : e.Message;

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string OrRoot(string path, string root) => path.Length == 0 ? root : path;

    private sealed class Frame(SpecValue value, string path)
    {
        public SpecValue Value { get; } = value;
        public string Path { get; } = path;

        /// <summary>A mapping's key read and waiting for its value.</summary>
        public string? PendingKey { get; set; }
    }
}
