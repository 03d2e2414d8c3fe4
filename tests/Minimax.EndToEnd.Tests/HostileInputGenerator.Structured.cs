using System.Globalization;
using System.Text;

namespace Minimax.EndToEnd.Tests;

/// <summary>Structured specs: a valid spec as a tree, then a few structural changes.</summary>
public sealed partial class HostileInputGenerator
{

    private HostileCase StructuredSpec()
    {
        var root = template.Tree();
        var changes = new List<string>();
        for (var i = _random.Next(1, 5); i > 0; i--)
        {
            changes.Add(Change(root));
        }

        var yaml = _random.Next(4) == 0 ? Flow(root) : Block(root, 0);
        return new HostileCase($"structured {string.Join("; ", changes)}", yaml, RandomOverrides(_random.Next(3) == 0 ? 1 : 0));
    }

    private string Change(List<KeyValuePair<string, object?>> root)
    {
        var path = Pick(_random.Next(3) == 0 ? template.SizePaths : template.Paths);
        switch (_random.Next(9))
        {
            case 0:
            case 1:
            case 2:
                Set(root, path, HostileScalarOrSize(path));
                return $"{path}={Short(Get(root, path) as string)}";
            case 3:
                Set(root, path + (_random.Next(2) == 0 ? "" : "_x"), null, unknownChild: true);
                return $"unknown field under {path}";
            case 4:
                Remove(root, path);
                return $"remove {path}";
            case 5:
                Set(root, path, new List<object?> { HostileScalar(), Size(), new List<KeyValuePair<string, object?>> { new("k", "v") } });
                return $"{path}=list";
            case 6:
                Set(root, path, new List<KeyValuePair<string, object?>> { new("kind", "mlp"), new(Pick(template.Paths).Split('.')[^1], HostileScalar()) });
                return $"{path}=mapping";
            case 7:
                Duplicate(root, path);
                return $"duplicate {path}";
            default:
                Set(root, path, Enumerable.Range(0, _random.Next(0, 6)).Select(_ => (object?)Size()).ToList());
                return $"{path}=size list";
        }
    }

    private static object? Get(List<KeyValuePair<string, object?>> root, string path)
    {
        object? node = root;
        foreach (var segment in path.Split('.'))
        {
            if (node is not List<KeyValuePair<string, object?>> mapping)
            {
                return null;
            }

            node = mapping.LastOrDefault(p => p.Key == segment).Value;
        }

        return node;
    }

    private static void Set(List<KeyValuePair<string, object?>> root, string path, object? value, bool unknownChild = false)
    {
        var segments = path.Split('.');
        if (unknownChild)
        {
            segments = [.. segments, "unknown_" + segments[^1]];
        }

        var mapping = root;
        foreach (var segment in segments[..^1])
        {
            var index = mapping.FindIndex(p => p.Key == segment);
            if (index >= 0 && mapping[index].Value is List<KeyValuePair<string, object?>> child)
            {
                mapping = child;
                continue;
            }

            var created = new List<KeyValuePair<string, object?>>();
            if (index >= 0)
            {
                mapping[index] = new(segment, created);
            }
            else
            {
                mapping.Add(new(segment, created));
            }

            mapping = created;
        }

        var last = mapping.FindIndex(p => p.Key == segments[^1]);
        if (last >= 0)
        {
            mapping[last] = new(segments[^1], value ?? "1");
        }
        else
        {
            mapping.Add(new(segments[^1], value ?? "1"));
        }
    }

    private static void Remove(List<KeyValuePair<string, object?>> root, string path)
    {
        var parent = path.Contains('.') ? Get(root, path[..path.LastIndexOf('.')]) : root;
        if (parent is List<KeyValuePair<string, object?>> mapping)
        {
            mapping.RemoveAll(p => p.Key == path.Split('.')[^1]);
        }
    }

    private void Duplicate(List<KeyValuePair<string, object?>> root, string path)
    {
        var parent = path.Contains('.') ? Get(root, path[..path.LastIndexOf('.')]) : root;
        if (parent is List<KeyValuePair<string, object?>> mapping)
        {
            mapping.Add(new(path.Split('.')[^1], HostileScalarOrSize(path)));
        }
    }

    private static string Block(object? node, int indent)
    {
        var pad = new string(' ', indent);
        var text = new StringBuilder();
        switch (node)
        {
            case List<KeyValuePair<string, object?>> mapping:
                foreach (var (key, value) in mapping)
                {
                    text.Append(pad).Append(key).Append(':');
                    if (value is List<KeyValuePair<string, object?>> { Count: > 0 } or List<object?> { Count: > 0 })
                    {
                        text.Append('\n').Append(Block(value, indent + 2));
                    }
                    else
                    {
                        text.Append(' ').Append(Flow(value)).Append('\n');
                    }
                }

                break;
            case List<object?> list:
                foreach (var item in list)
                {
                    text.Append(pad).Append("- ").Append(Flow(item)).Append('\n');
                }

                break;
            default:
                text.Append(pad).Append(Flow(node)).Append('\n');
                break;
        }

        return text.ToString();
    }

    private static string Flow(object? node) => node switch
    {
        null => "",
        string scalar => scalar.Contains('\n') ? $"\"{scalar.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\"" : scalar,
        List<KeyValuePair<string, object?>> mapping => "{" + string.Join(", ", mapping.Select(p => $"{p.Key}: {Flow(p.Value)}")) + "}",
        List<object?> list => "[" + string.Join(", ", list.Select(Flow)) + "]",
        _ => node.ToString() ?? "",
    };
}
