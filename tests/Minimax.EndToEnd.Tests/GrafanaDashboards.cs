using System.Text.Json;
using System.Text.RegularExpressions;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

/// <summary>One query of one dashboard panel (a target's expr), as Grafana would send it before variable substitution.</summary>
public sealed record PanelQuery(string Dashboard, string Panel, string RefId, string Expression);

/// <summary>A query variable of a dashboard: <c>label_values(metric, label)</c>.</summary>
public sealed record LabelValuesVariable(string Dashboard, string Name, string Metric, string Label);

/// <summary>The Grafana dashboards under k8s/monitoring/dashboards, and the variable substitution Grafana does before it queries.</summary>
public static partial class GrafanaDashboards
{
    /// <summary>What $__rate_interval, $__interval and $__range become: several 1 s scrapes, well inside a test's run.</summary>
    public const string Interval = "30s";

    public static IReadOnlyList<string> Files() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "k8s", "monitoring", "dashboards"), "*.json").Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<PanelQuery> Queries() =>
        Files().SelectMany(file =>
        {
            var dashboard = Load(file);
            return dashboard.GetProperty("panels").EnumerateArray().SelectMany(panel =>
                panel.GetProperty("targets").EnumerateArray().Select(target => new PanelQuery(
                    Path.GetFileName(file),
                    panel.GetProperty("title").GetString() ?? "",
                    target.GetProperty("refId").GetString() ?? "",
                    target.GetProperty("expr").GetString() ?? "")));
        }).ToList();

    public static IReadOnlyList<LabelValuesVariable> Variables() =>
        Files().SelectMany(file => Load(file).GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(variable => variable.GetProperty("type").GetString() == "query")
            .Select(variable =>
            {
                var definition = variable.GetProperty("definition").GetString() ?? "";
                var match = LabelValues().Match(definition);
                if (!match.Success)
                {
                    throw new InvalidDataException($"{Path.GetFileName(file)}: variable {variable.GetProperty("name")} is not label_values(metric, label): {definition}");
                }
                return new LabelValuesVariable(Path.GetFileName(file), variable.GetProperty("name").GetString() ?? "", match.Groups["metric"].Value, match.Groups["label"].Value);
            }))
        .ToList();

    /// <summary>
    /// The expression Grafana sends: interval macros become <see cref="Interval"/>, dashboard variables their value
    /// (several values of a multi-value variable as a regex alternation, for =~; the values here hold no regex characters).
    /// </summary>
    public static string Substitute(string expression, IReadOnlyDictionary<string, IReadOnlyList<string>> values) =>
        VariableReference().Replace(expression, match =>
        {
            var name = match.Groups["braced"].Success ? match.Groups["braced"].Value
                : match.Groups["bracketed"].Success ? match.Groups["bracketed"].Value
                : match.Groups["plain"].Value;
            if (name is "__rate_interval" or "__interval" or "__range")
            {
                return Interval;
            }
            return values.TryGetValue(name, out var chosen)
                ? (chosen.Count == 1 ? chosen[0] : "(" + string.Join('|', chosen) + ")")
                : throw new InvalidDataException($"no value for ${name} in {expression}");
        });

    private static JsonElement Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return document.RootElement.Clone();
    }

    [GeneratedRegex(@"^\s*label_values\(\s*(?<metric>[A-Za-z_:][A-Za-z0-9_:]*)\s*,\s*(?<label>[A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"\$\{(?<braced>\w+)(?::\w+)?\}|\[\[(?<bracketed>\w+)\]\]|\$(?<plain>\w+)")]
    private static partial Regex VariableReference();
}
