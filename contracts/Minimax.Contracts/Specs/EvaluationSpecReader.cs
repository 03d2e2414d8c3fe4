using System.Text.RegularExpressions;

namespace Minimax.Contracts.Specs;

/// <summary>
/// Reads a <c>kind: evaluation</c> job spec (docs/run-spec.md) plus <c>--set</c> overrides into a validated
/// <see cref="EvaluationSpec"/>; every problem is a <see cref="SpecException"/> naming the field.
/// </summary>
public static class EvaluationSpecReader
{
    public const int MaxModels = 32;
    public const int MaxPatterns = 64;
    public const int MaxPatternLength = 1000;

    public static EvaluationSpec Read(string yaml, IEnumerable<string> overrides, string specDirectory) =>
        Read(SpecDocument.Parse(yaml, overrides), specDirectory);

    public static EvaluationSpec Read(SpecDocument document, string specDirectory) =>
        document.Bind(root => Bind(root, specDirectory ?? ""));

    private static EvaluationSpec Bind(SpecNode root, string specDirectory)
    {
        RunSpecReader.RequireKind(root, SpecKind.Evaluation, "an evaluation job needs kind: evaluation");

        var fields = root.Fields("kind", "name", "data", "models", "compare", "common_counter", "abstention");

        var name = RunSpecReader.BindName(fields);
        var dataNode = RunSpecReader.Required(fields, "data", "data");
        var data = RunSpecReader.BindData(dataNode, specDirectory, DataUse.Evaluation);
        if (data.IsText && dataNode.Fields(RunSpecReader.DataFields).ContainsKey("mixture"))
        {
            throw new SpecException("data.mixture", "an evaluation scores all of the held-out text; it draws no batches");
        }

        var models = BindModels(RunSpecReader.Required(fields, "models", "models"), specDirectory, data);
        return new EvaluationSpec
        {
            Name = name,
            Data = data,
            Models = models,
            Compare = fields.TryGetValue("compare", out var compare) ? BindComparison(TabularOnly(compare, data), models) : null,
            CommonCounter = fields.TryGetValue("common_counter", out var commonCounter) ? BindCommonCounter(TabularOnly(commonCounter, data), data) : null,
            Abstention = fields.TryGetValue("abstention", out var abstention) ? BindAbstention(abstention, models) : null,
        };
    }

    private static List<EvaluationModelSpec> BindModels(SpecNode node, string specDirectory, DataSpec data)
    {
        var items = node.Items();
        if (items.Count is 0 or > MaxModels)
        {
            throw node.Error($"must list between 1 and {MaxModels} models");
        }

        var models = new List<EvaluationModelSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var fields = item.Fields("name", "run", "predictions");
            var name = RunSpecReader.BindName(RunSpecReader.Required(fields, "name", $"{item.Path}.name"));
            if (!names.Add(name))
            {
                throw fields["name"].Error($"'{name}' names another model too");
            }

            fields.TryGetValue("run", out var run);
            fields.TryGetValue("predictions", out var predictions);
            if ((run is null) == (predictions is null))
            {
                throw new SpecException(run is null ? $"{item.Path}.run" : $"{item.Path}.predictions", "set run (a completed run's id) or predictions (a file), exactly one");
            }

            models.Add(new EvaluationModelSpec
            {
                Name = name,
                Run = run is null ? null : RunId(run),
                Predictions = predictions is null ? null : PredictionsPath(predictions, specDirectory, data),
            });
        }

        return models;
    }

    private static string RunId(SpecNode node)
    {
        var id = node.String();
        return JobIds.IsValid(id) ? id : throw node.Error(JobIds.Rule);
    }

    private static string PredictionsPath(SpecNode node, string specDirectory, DataSpec data)
    {
        if (data.IsText)
        {
            throw node.Error("a text corpus is scored by language-model runs only");
        }

        var path = RunSpecReader.ResolvePath(node, specDirectory);
        return Path.GetExtension(path).ToLowerInvariant() is ".csv" or ".jsonl"
            ? path
            : throw node.Error("must be a .csv or .jsonl file");
    }

    private static ComparisonSpec BindComparison(SpecNode node, IReadOnlyList<EvaluationModelSpec> models)
    {
        var fields = node.Fields("base", "test", "correction", "alpha");
        if (models.Count < 2)
        {
            throw node.Error("needs at least two models");
        }

        var baseNode = RunSpecReader.Required(fields, "base", "compare.base");
        var baseName = baseNode.String().Trim();
        if (models.All(model => model.Name != baseName))
        {
            throw baseNode.Error($"'{baseName}' is not one of the models: {string.Join(", ", models.Select(model => model.Name))}");
        }

        var spec = new ComparisonSpec { Base = baseName };
        return spec with
        {
            Test = fields.TryGetValue("test", out var test) ? test.Enum<SignificanceTest>() : spec.Test,
            Correction = fields.TryGetValue("correction", out var correction) ? correction.Enum<MultipleTestingCorrection>() : spec.Correction,
            Alpha = fields.TryGetValue("alpha", out var alpha) ? alpha.Double(0, minExclusive: true, max: 0.5) : spec.Alpha,
        };
    }

    private static CommonCounterSpec BindCommonCounter(SpecNode node, DataSpec data)
    {
        var fields = node.Fields("class", "common", "counter");
        var seen = new HashSet<int>();
        List<int> Groups(string key)
        {
            var list = RunSpecReader.Required(fields, key, $"{node.Path}.{key}");
            var groups = new List<int>();
            foreach (var item in list.Items(allowScalar: true))
            {
                var group = item.Int(0);
                groups.Add(seen.Add(group) ? group : throw item.Error($"group {group} is listed twice"));
            }

            return groups.Count > 0 ? groups : throw list.Error("must name at least one group");
        }

        return new CommonCounterSpec
        {
            Class = fields.TryGetValue("class", out var column) ? column.String().Trim() : data.Label,
            Common = Groups("common"),
            Counter = Groups("counter"),
        };
    }

    private static AbstentionSpec BindAbstention(SpecNode node, IReadOnlyList<EvaluationModelSpec> models)
    {
        var fields = node.Fields("patterns");
        if (models.All(model => model.Predictions is null))
        {
            throw node.Error("abstentions are found in the responses of predictions files, and no model is one");
        }

        if (!fields.TryGetValue("patterns", out var patterns))
        {
            return new AbstentionSpec();
        }

        if (patterns.IsScalar)
        {
            return patterns.String().Trim() == "default"
                ? new AbstentionSpec()
                : throw patterns.Error("must be default, or a mapping with self_reference and inability lists of regular expressions");
        }

        var lists = patterns.Fields("self_reference", "inability");
        return new AbstentionSpec
        {
            DefaultPatterns = false,
            SelfReference = Patterns(RunSpecReader.Required(lists, "self_reference", $"{patterns.Path}.self_reference")),
            Inability = Patterns(RunSpecReader.Required(lists, "inability", $"{patterns.Path}.inability")),
        };
    }

    private static List<string> Patterns(SpecNode node)
    {
        var items = node.Items(allowScalar: true);
        if (items.Count is 0 or > MaxPatterns)
        {
            throw node.Error($"must list between 1 and {MaxPatterns} regular expressions");
        }

        return items.Select(item =>
        {
            var pattern = item.String();
            if (pattern.Length > MaxPatternLength)
            {
                throw item.Error($"must be at most {MaxPatternLength} characters");
            }

            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw item.Error($"is not a valid regular expression ({e.Message})");
            }

            return pattern;
        }).ToList();
    }

    private static SpecNode TabularOnly(SpecNode node, DataSpec data) =>
        data.IsText ? throw node.Error("needs per-example predictions, and a text corpus gives per-domain token counts only") : node;
}
