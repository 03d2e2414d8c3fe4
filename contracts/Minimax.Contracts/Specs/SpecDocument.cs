using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Minimax.Contracts.Specs;

/// <summary>
/// The YAML of a spec of any kind: parsed within the size and structure limits, with the
/// <c>--set path=value</c> overrides applied, then handed to a kind's binder.
/// </summary>
internal static class SpecDocument
{
    private const string SpecField = "spec";
    private const string SetField = "--set";

    /// <summary>Parses, applies the overrides and binds; every failure becomes a <see cref="SpecException"/>.</summary>
    public static T Read<T>(string yaml, IEnumerable<string> overrides, Func<SpecNode, T> bind)
    {
        try
        {
            var root = Load(yaml ?? "", "", SpecField)
                ?? throw new SpecException(SpecField, "is empty");
            if (root is not YamlMappingNode rootMapping)
            {
                throw new SpecException(SpecField, $"expected a mapping of fields at the top level, got {(root is YamlSequenceNode ? "a list" : "a single value")}");
            }

            foreach (var assignment in overrides ?? [])
            {
                ApplyOverride(rootMapping, assignment);
            }

            return bind(new SpecNode(rootMapping, ""));
        }
        catch (SpecException)
        {
            throw;
        }
        catch (YamlException e)
        {
            throw new SpecException(SpecField, $"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The guard and binder should leave nothing else; keep the contract if a YAML edge case slips through.
            throw new SpecException(SpecField, $"could not be read: {e.Message}", e);
        }
    }

    /// <summary>Parses one YAML source to its root node, or null when it holds no document.</summary>
    private static YamlNode? Load(string yaml, string pathPrefix, string field)
    {
        if (yaml.Length > RunSpecReader.MaxSpecLength)
        {
            throw new SpecException(field, $"is longer than {RunSpecReader.MaxSpecLength} characters");
        }

        var documents = YamlStructureGuard.Check(yaml, pathPrefix, field);
        if (documents > 1)
        {
            throw new SpecException(field, "holds more than one YAML document");
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || SpecNode.IsNull(stream.Documents[0].RootNode))
        {
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    private static void ApplyOverride(YamlMappingNode root, string assignment)
    {
        var equals = assignment?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        var path = equals > 0 ? assignment![..equals].Trim() : "";
        if (path.Length == 0)
        {
            throw new SpecException(SetField, $"'{assignment}' is not path=value");
        }

        var segments = path.Split('.');
        if (segments.Any(s => s.Length == 0 || !s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            throw new SpecException(SetField, $"'{path}' is not a dotted field path like training.optimizer.lr");
        }

        var value = Load(assignment![(equals + 1)..], path, path) ?? new YamlScalarNode("");

        var mapping = root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var key = FindKey(mapping, segments[i]);
            if (key is null || SpecNode.IsNull(mapping.Children[key]))
            {
                var created = new YamlMappingNode();
                mapping.Children[key ?? new YamlScalarNode(segments[i])] = created;
                mapping = created;
            }
            else if (mapping.Children[key] is YamlMappingNode existing)
            {
                mapping = existing;
            }
            else
            {
                throw new SpecException(string.Join('.', segments[..(i + 1)]), $"is not a mapping, so '{path}' cannot be set");
            }
        }

        var last = FindKey(mapping, segments[^1]);
        mapping.Children[last ?? new YamlScalarNode(segments[^1])] = value;
    }

    private static YamlNode? FindKey(YamlMappingNode mapping, string name) =>
        mapping.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: { } v } && v == name);
}
