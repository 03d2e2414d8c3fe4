using System.Text.RegularExpressions;

namespace Minimax.Contracts.Tests.Monitoring;

/// <summary>
/// The metric names a PromQL expression reads: identifiers that are neither function calls,
/// aggregation modifiers, label names (inside braces or by/without/on/ignoring lists), operators
/// like and/or/unless, nor parts of numbers and durations.
/// </summary>
public static partial class PromQlMetricNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool",
        "and", "or", "unless", "atan2", "inf", "nan", "le",
    };

    public static IReadOnlyList<string> In(string expression)
    {
        var text = GrafanaVariable().Replace(expression, " 1 ");
        text = StringLiteral().Replace(text, " ");
        text = LabelMatchers().Replace(text, " ");
        text = RangeOrSubquery().Replace(text, " ");
        text = GroupingList().Replace(text, " ");
        return Identifier().Matches(text)
            .Select(m => m.Value)
            .Where(name => !Keywords.Contains(name.ToLowerInvariant()))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The metric of a Grafana variable query `label_values(metric, label)`, or none for `label_values(label)`.</summary>
    public static string? OfLabelValuesQuery(string query)
    {
        var match = LabelValuesWithMetric().Match(query);
        return match.Success ? match.Groups["metric"].Value : null;
    }

    // $job, ${datasource}, $__rate_interval, [[var]]
    [GeneratedRegex(@"\$\{[^}]*\}|\$\w+|\[\[\w+\]\]")]
    private static partial Regex GrafanaVariable();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex RangeOrSubquery();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex GroupingList();

    // Not preceded by a word character or a dot (so 0.95, 1e3 and 5m yield nothing), not followed by '('.
    [GeneratedRegex(@"(?<![\w.:])[A-Za-z_:][A-Za-z0-9_:]*(?![\w:])(?!\s*\()")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\s*label_values\(\s*(?<metric>[A-Za-z_:][A-Za-z0-9_:]*)\s*(?:\{[^}]*\})?\s*,")]
    private static partial Regex LabelValuesWithMetric();
}
