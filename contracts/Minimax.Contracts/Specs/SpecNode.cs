using System.Diagnostics;
using System.Globalization;

namespace Minimax.Contracts.Specs;

/// <summary>A YAML node and its dotted path, with typed reads that fail as <see cref="SpecException"/>.</summary>
internal sealed class SpecNode(SpecValue node, string path)
{
    private const int MaxEchoLength = 40;

    public string Path { get; } = path;

    /// <summary>The YAML node itself, for readers that carry it into another document (a sweep's grid values).</summary>
    public SpecValue Value => node;

    /// <summary>The child fields of this mapping; rejects keys that are not in <paramref name="known"/>.</summary>
    public IReadOnlyDictionary<string, SpecNode> Fields(params string[] known)
    {
        if (node is not SpecMapping mapping)
        {
            throw Error($"expected a mapping, got {Describe(node)}");
        }

        var fields = new Dictionary<string, SpecNode>(StringComparer.Ordinal);
        foreach (var (key, valueNode) in mapping.Children)
        {
            var childPath = Path.Length == 0 ? key : $"{Path}.{key}";
            if (Array.IndexOf(known, key) < 0)
            {
                var suggestion = Closest(key, known);
                throw new SpecException(childPath, suggestion is null ? "unknown field" : $"unknown field (did you mean '{suggestion}'?)");
            }

            if (!valueNode.IsNull)
            {
                fields[key] = new SpecNode(valueNode, childPath);
            }
        }

        return fields;
    }

    /// <summary>One child field of this mapping, or null when absent or null; the other fields are not looked at.</summary>
    public SpecNode? Field(string name) =>
        node is SpecMapping mapping && mapping.Children.TryGetValue(name, out var field) && !field.IsNull
            ? new SpecNode(field, Path.Length == 0 ? name : $"{Path}.{name}")
            : null;

    public string String()
    {
        var text = ScalarText("a string");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Error("must not be empty");
        }

        if (text.Any(char.IsControl))
        {
            throw Error("must not contain control characters");
        }

        return text;
    }

    public int Int(int min, int max = int.MaxValue)
    {
        var text = PlainText("an integer");
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            var digits = text.Trim().TrimStart('-', '+');
            if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            {
                throw Error($"expected an integer, got '{Echo(text)}'");
            }

            // Too many digits for a long: report it against the bound it breaks.
            value = text.Trim().StartsWith('-') ? long.MinValue : long.MaxValue;
        }

        if (value < min || value > max)
        {
            throw Error(max == int.MaxValue
                ? (value < min ? $"must be at least {min}" : $"must be at most {max}")
                : $"must be between {min} and {max}");
        }

        return (int)value;
    }

    public double Double(double min, bool minExclusive = false, double max = double.PositiveInfinity, bool maxExclusive = false)
    {
        var text = PlainText("a number");
        if (text.Trim().ToLowerInvariant() is ".nan" or ".inf" or "+.inf" or "-.inf")
        {
            throw Error($"must be a finite number, got '{Echo(text)}'");
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"expected a number, got '{Echo(text)}'");
        }

        if (!double.IsFinite(value))
        {
            throw Error($"must be a finite number, got '{Echo(text)}'");
        }

        var belowMin = minExclusive ? value <= min : value < min;
        var aboveMax = maxExclusive ? value >= max : value > max;
        if (belowMin || aboveMax)
        {
            throw Error(DoubleRangeReason(min, minExclusive, max, maxExclusive));
        }

        return value;
    }

    public bool Bool()
    {
        var text = PlainText("true or false");
        return text switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => throw Error($"expected true or false, got '{Echo(text)}'"),
        };
    }

    public T Enum<T>()
        where T : struct, Enum
    {
        var table = SpecNames.Table<T>();
        var names = string.Join(", ", table.Select(p => p.Key));
        var text = ScalarText($"one of {names}");
        if (!SpecNames.TryParse<T>(text.Trim(), out var value))
        {
            throw Error($"must be one of {names}");
        }

        return value;
    }

    /// <summary>The items of a sequence; a single scalar counts as a one-item list when allowed.</summary>
    public IReadOnlyList<SpecNode> Items(bool allowScalar = false)
    {
        switch (node)
        {
            case SpecSequence sequence:
                return sequence.Children.Select((child, i) => new SpecNode(child, $"{Path}[{i}]")).ToList();
            case SpecScalar when allowScalar:
                return [this];
            default:
                throw Error($"expected a list, got {Describe(node)}");
        }
    }

    public SpecException Error(string reason) => new(Path, reason);

    public bool IsScalar => node is SpecScalar;

    /// <summary>Every entry of a mapping whose keys are data (domain names), in document order.</summary>
    public IReadOnlyList<KeyValuePair<string, SpecNode>> Entries()
    {
        if (node is not SpecMapping mapping)
        {
            throw Error($"expected a mapping, got {Describe(node)}");
        }

        // The loader has refused repeated keys already.
        var entries = new List<KeyValuePair<string, SpecNode>>(mapping.Children.Count);
        foreach (var (key, valueNode) in mapping.Children)
        {
            if (key.Length == 0)
            {
                throw Error("keys must be plain names");
            }

            entries.Add(new(key, new SpecNode(valueNode, $"{Path}.{key}")));
        }

        return entries;
    }

    private string ScalarText(string expected)
    {
        if (node is not SpecScalar scalar || scalar.IsNull)
        {
            throw Error($"expected {expected}, got {Describe(node)}");
        }

        return scalar.Value;
    }

    /// <summary>Text of an unquoted scalar: a quoted "5" is a string in YAML, not a number.</summary>
    private string PlainText(string expected)
    {
        var text = ScalarText(expected);
        if (node is SpecScalar { IsPlain: false })
        {
            throw Error($"expected {expected}, got the quoted string '{Echo(text)}'");
        }

        return text;
    }

    private static string Describe(SpecValue node) => node switch
    {
        SpecMapping => "a mapping",
        SpecSequence => "a list",
        SpecScalar { IsNull: true } => "nothing",
        SpecScalar scalar => $"'{Echo(scalar.Value)}'",
        _ => throw new UnreachableException($"a spec node of type {node.GetType().Name}"),
    };

    private static string DoubleRangeReason(double min, bool minExclusive, double max, bool maxExclusive)
    {
        var low = $"{(minExclusive ? "greater than" : "at least")} {min.ToString(CultureInfo.InvariantCulture)}";
        if (double.IsPositiveInfinity(max))
        {
            return $"must be {low}";
        }

        var high = $"{(maxExclusive ? "less than" : "at most")} {max.ToString(CultureInfo.InvariantCulture)}";
        return $"must be {low} and {high}";
    }

    internal static string Echo(string text) =>
        text.Length <= MaxEchoLength ? text : string.Concat(text.AsSpan(0, MaxEchoLength), "...");

    private static string? Closest(string key, string[] known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = EditDistance(key, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= Math.Max(1, key.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        // Optimal string alignment distance, so a swapped pair ("trian") costs one edit.
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
