namespace Minimax.Contracts.Specs;

/// <summary>
/// The YAML of a spec of any kind, parsed once within the size and structure limits and with the
/// <c>--set path=value</c> overrides applied: its <see cref="Kind"/> is read from it, and then the
/// kind's reader binds it (<see cref="RunSpecReader"/>, <see cref="MixtureSpecReader"/>,
/// <see cref="EvaluationSpecReader"/>). Nothing changes it after <see cref="Parse"/>.
/// </summary>
public sealed class SpecDocument
{
    private const string SpecField = "spec";
    private const string SetField = "--set";

    private readonly SpecMapping _root;

    private SpecDocument(SpecMapping root, long length)
    {
        _root = root;
        Length = length;
    }

    /// <summary>Characters of the YAML and overrides it was parsed from (for a part of a spec, the whole spec's): what binding it costs.</summary>
    public long Length { get; }

    /// <summary>Parses the spec and applies the overrides in order; every failure is a <see cref="SpecException"/>.</summary>
    public static SpecDocument Parse(string yaml, IEnumerable<string>? overrides = null)
    {
        try
        {
            var root = Load(yaml ?? "", "", SpecField)
                ?? throw new SpecException(SpecField, "is empty");
            if (root is not SpecMapping rootMapping)
            {
                throw new SpecException(SpecField, $"expected a mapping of fields at the top level, got {(root is SpecSequence ? "a list" : "a single value")}");
            }

            long length = yaml!.Length;
            foreach (var assignment in overrides ?? [])
            {
                length += assignment?.Length ?? 0;
                ApplyOverride(rootMapping, assignment!);
            }

            return new SpecDocument(rootMapping, length);
        }
        catch (Exception e) when (e is not (SpecException or OutOfMemoryException))
        {
            throw Unreadable(e);
        }
    }

    /// <summary>The spec's top-level kind: train when absent, a <see cref="SpecException"/> naming <c>kind</c> when not a kind; the other fields are not looked at.</summary>
    public SpecKind Kind => Bind(root => root.Field("kind")?.Enum<SpecKind>() ?? SpecKind.Train);

    /// <summary>Binds the document; every failure becomes a <see cref="SpecException"/>.</summary>
    internal T Bind<T>(Func<SpecNode, T> bind)
    {
        try
        {
            return bind(new SpecNode(_root, ""));
        }
        catch (Exception e) when (e is not (SpecException or OutOfMemoryException))
        {
            throw Unreadable(e);
        }
    }

    // The loader and binders should leave nothing else; keep the contract if an edge case slips through.
    private static SpecException Unreadable(Exception e) => new(SpecField, $"could not be read: {e.Message}", e);

    /// <summary>Parses one YAML source to its root node, or null when it holds no document.</summary>
    private static SpecValue? Load(string yaml, string pathPrefix, string field) =>
        yaml.Length > RunSpecReader.MaxSpecLength
            ? throw new SpecException(field, $"is longer than {RunSpecReader.MaxSpecLength} characters")
            : SpecYamlLoader.Load(yaml, pathPrefix, field);

    /// <summary>
    /// A copy with each dotted field set to its value (a sweep trial: the base run spec and its grid values),
    /// in order; this document is not changed, and the mappings it shares with the copy are never written.
    /// </summary>
    internal SpecDocument With(IEnumerable<(string Path, SpecValue Value)> assignments)
    {
        var root = Copy(_root);
        foreach (var (path, value) in assignments)
        {
            Assign(root, FieldPath(path, path), value, path, copyOnWrite: true);
        }
        return new SpecDocument(root, Length);
    }

    /// <summary>
    /// A document of a mapping found inside another spec (a sweep's inline base); its <see cref="Length"/> is
    /// the YAML text its nodes stand for, counted up to <paramref name="countUpTo"/> (aliases count again
    /// wherever they appear, and the count stops there, so no alias bomb makes it slow).
    /// </summary>
    internal static SpecDocument Of(SpecNode node, long countUpTo) =>
        node.Value is SpecMapping mapping
            ? new SpecDocument(mapping, TextLength(mapping, countUpTo))
            : throw node.Error("expected a mapping of run spec fields or a path to a run spec file");

    // Scalars and keys with a separator each: about what the node takes as flow YAML.
    private static long TextLength(SpecValue value, long countUpTo)
    {
        long length = 0;
        var pending = new Stack<SpecValue>([value]);
        while (pending.Count > 0 && length <= countUpTo)
        {
            switch (pending.Pop())
            {
                case SpecScalar scalar:
                    length += scalar.Value.Length + 2;
                    break;
                case SpecMapping mapping:
                    foreach (var (key, child) in mapping.Children)
                    {
                        length += key.Length + 2;
                        pending.Push(child);
                    }
                    break;
                case SpecSequence sequence:
                    length += 2;
                    foreach (var child in sequence.Children)
                    {
                        pending.Push(child);
                    }
                    break;
            }
        }
        return length;
    }

    /// <summary>The segments of a dotted field path like training.optimizer.lr; a <see cref="SpecException"/> naming <paramref name="field"/> otherwise.</summary>
    internal static string[] FieldPath(string path, string field)
    {
        var segments = path.Split('.');
        return segments.Any(s => s.Length == 0 || !s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            ? throw new SpecException(field, $"'{path}' is not a dotted field path like training.optimizer.lr")
            : segments;
    }

    private static void ApplyOverride(SpecMapping root, string assignment)
    {
        var equals = assignment?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        var path = equals > 0 ? assignment![..equals].Trim() : "";
        if (path.Length == 0)
        {
            throw new SpecException(SetField, $"'{assignment}' is not path=value");
        }

        var segments = FieldPath(path, SetField);
        var value = Load(assignment![(equals + 1)..], path, path) ?? new SpecScalar("", plain: true);
        Assign(root, segments, value, path, copyOnWrite: false);
    }

    private static void Assign(SpecMapping root, string[] segments, SpecValue value, string path, bool copyOnWrite)
    {
        var mapping = root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            SpecMapping next;
            if (!mapping.Children.TryGetValue(segments[i], out var child) || child.IsNull)
            {
                next = new SpecMapping();
            }
            else if (child is SpecMapping existing)
            {
                next = copyOnWrite ? Copy(existing) : existing;
            }
            else
            {
                throw new SpecException(string.Join('.', segments[..(i + 1)]), $"is not a mapping, so '{path}' cannot be set");
            }
            mapping.Children[segments[i]] = next;
            mapping = next;
        }

        mapping.Children[segments[^1]] = value;
    }

    private static SpecMapping Copy(SpecMapping mapping)
    {
        var copy = new SpecMapping();
        foreach (var (key, child) in mapping.Children)
        {
            copy.Children[key] = child;
        }
        return copy;
    }
}
