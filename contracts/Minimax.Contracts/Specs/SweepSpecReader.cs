namespace Minimax.Contracts.Specs;

/// <summary>
/// Reads a <c>kind: sweep</c> spec (docs/run-spec.md, "Sweeps") plus <c>--set</c> overrides into a
/// validated <see cref="SweepSpec"/>: the base run spec with every combination of the grid's values set,
/// each bound by <see cref="RunSpecReader"/>, so a bad value fails at submit naming its grid entry.
/// </summary>
public static class SweepSpecReader
{
    public const int MaxTrials = 256;
    public const int MaxKeys = 16;
    public const int MaxParallel = 64;
    public const int MaxReduction = 100;
    /// <summary>Characters of base spec all trials together may bind: trials times the base's length (its file's, or what an inline base's nodes stand for).</summary>
    public const long MaxExpansion = 4L << 20;

    private static readonly string[] ReservedKeys = ["kind", "name"];

    /// <param name="readBaseFile">Reads a base run spec file by its absolute path (the silo confines it to the data roots).</param>
    public static SweepSpec Read(string yaml, IEnumerable<string> overrides, string specDirectory, Func<string, string> readBaseFile) =>
        Read(SpecDocument.Parse(yaml, overrides), specDirectory, readBaseFile);

    public static SweepSpec Read(SpecDocument document, string specDirectory, Func<string, string> readBaseFile) =>
        document.Bind(root => Bind(root, specDirectory ?? "", readBaseFile));

    private static SweepSpec Bind(SpecNode root, string specDirectory, Func<string, string> readBaseFile)
    {
        RunSpecReader.RequireKind(root, SpecKind.Sweep, "a sweep job needs kind: sweep");
        var fields = root.Fields("kind", "name", "base", "grid", "select", "parallel", "early_stop");
        var name = RunSpecReader.BindName(fields);
        var (baseDocument, baseDirectory) = BindBase(RunSpecReader.Required(fields, "base", "base"), specDirectory, readBaseFile);
        var gridNode = RunSpecReader.Required(fields, "grid", "grid");
        var grid = BindGrid(gridNode);
        var trialCount = grid.Aggregate(1L, (count, entry) => count * entry.Values.Count);
        if (trialCount * baseDocument.Length > MaxExpansion)
        {
            throw gridNode.Error($"{trialCount} trials of a {baseDocument.Length}-character base spec are more than the {MaxExpansion >> 20} Mi characters a sweep may bind: use fewer trials or a smaller base");
        }
        var select = fields.GetValueOrDefault("select")?.Fields("metric", "over");
        var over = BindOver(select?.GetValueOrDefault("over"), grid);
        var keys = grid.Select(entry => entry.Path).ToArray();
        var configurationKeys = grid.Where(entry => !over.Contains(entry.Path)).ToArray();
        var trialKeys = grid.Where(entry => over.Contains(entry.Path)).ToArray();

        var configurations = Combinations(configurationKeys).Select(configuration =>
        {
            var trials = Combinations(trialKeys)
                .Select(trial => new SweepTrialSpec(
                    [.. trial.Select(value => value.Spec)],
                    BindTrial(baseDocument, baseDirectory, name, [.. configuration, .. trial])))
                .ToArray();
            return new SweepConfigurationSpec([.. configuration.Select(value => value.Spec)], trials);
        }).ToArray();

        return new SweepSpec
        {
            Name = name,
            Keys = keys,
            Over = [.. keys.Where(over.Contains)],
            Metric = select?.GetValueOrDefault("metric")?.Enum<SweepMetric>() ?? SweepMetric.ValWorstGroupAccuracy,
            Parallel = fields.TryGetValue("parallel", out var parallel) ? parallel.Int(1, MaxParallel) : 1,
            Configurations = configurations,
            EarlyStop = fields.TryGetValue("early_stop", out var earlyStop) ? BindEarlyStop(earlyStop) : null,
        };
    }

    private static SweepEarlyStop BindEarlyStop(SpecNode node)
    {
        var fields = node.Fields("grace_steps", "reduction");
        return new SweepEarlyStop(
            RunSpecReader.Required(fields, "grace_steps", "early_stop.grace_steps").Int(1, RunSpecReader.MaxSteps),
            fields.TryGetValue("reduction", out var reduction) ? reduction.Int(2, MaxReduction) : 3);
    }

    private static (SpecDocument Document, string Directory) BindBase(SpecNode node, string specDirectory, Func<string, string> readBaseFile)
    {
        if (!node.IsScalar)
        {
            return (CheckTrainKind(SpecDocument.Of(node, MaxExpansion)), specDirectory);
        }
        var path = RunSpecReader.ResolvePath(node, specDirectory);
        string yaml;
        try
        {
            yaml = readBaseFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw node.Error($"{path}: {e.Message}");
        }
        try
        {
            return (CheckTrainKind(SpecDocument.Parse(yaml)), Path.GetDirectoryName(path) ?? specDirectory);
        }
        catch (SpecException e)
        {
            throw node.Error($"{path}: {e.Message}");
        }
    }

    private static SpecDocument CheckTrainKind(SpecDocument document) =>
        document.Kind == SpecKind.Train ? document : throw new SpecException("base.kind", "the base of a sweep is a training run spec (kind train)");

    private static IReadOnlyList<GridEntry> BindGrid(SpecNode node)
    {
        var entries = node.Entries();
        if (entries.Count is 0 or > MaxKeys)
        {
            throw node.Error($"needs 1 to {MaxKeys} fields, each with a list of values");
        }
        var grid = new List<GridEntry>();
        long trials = 1;
        foreach (var (path, values) in entries)
        {
            var segments = SpecDocument.FieldPath(path, values.Path);
            if (ReservedKeys.Contains(segments[0]))
            {
                throw values.Error("is set by the sweep for each trial and cannot be swept");
            }
            if (grid.FirstOrDefault(other => path.StartsWith(other.Path + ".", StringComparison.Ordinal) || other.Path.StartsWith(path + ".", StringComparison.Ordinal)) is { } nested)
            {
                throw values.Error($"overlaps grid field {nested.Path}: sweep one of them");
            }
            var items = values.Items(allowScalar: true);
            trials *= items.Count;
            if (items.Count == 0 || trials > MaxTrials)
            {
                throw values.Error(items.Count == 0 ? "needs at least one value" : $"the grid has more than {MaxTrials} trials");
            }
            grid.Add(new GridEntry(path, [.. items.Select(item => new GridValue(item, SweepValues.Of(path, item.Value)))]));
        }
        return grid;
    }

    private static HashSet<string> BindOver(SpecNode? node, IReadOnlyList<GridEntry> grid)
    {
        if (node is null)
        {
            return grid.Any(entry => entry.Path == "seed") ? ["seed"] : [];
        }
        var over = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in node.Items(allowScalar: true))
        {
            var path = item.String();
            if (grid.All(entry => entry.Path != path))
            {
                throw item.Error($"'{path}' is not a field of the grid");
            }
            over.Add(path);
        }
        return over;
    }

    /// <summary>Every combination of the entries' values, the last entry varying fastest; one empty combination for no entries.</summary>
    private static IEnumerable<GridValue[]> Combinations(IReadOnlyList<GridEntry> entries)
    {
        IEnumerable<GridValue[]> combinations = [[]];
        foreach (var entry in entries)
        {
            var current = combinations;
            combinations = current.SelectMany(prefix => entry.Values.Select(value => (GridValue[])[.. prefix, value]));
        }
        return combinations;
    }

    private static RunSpec BindTrial(SpecDocument baseDocument, string baseDirectory, string sweepName, IReadOnlyList<GridValue> values)
    {
        var trialName = $"{sweepName} [{string.Join(", ", values.Select(value => value.Spec))}]";
        if (trialName.Length > RunSpecReader.MaxNameLength)
        {
            trialName = trialName[..RunSpecReader.MaxNameLength];
        }
        var document = baseDocument.With([.. values.Select(value => (value.Spec.Path, value.Node.Value)), ("name", new SpecScalar(trialName, plain: false))]);
        try
        {
            return RunSpecReader.Read(document, baseDirectory);
        }
        catch (SpecException e)
        {
            throw InTrial(e, values);
        }
    }

    /// <summary>
    /// A problem with one trial, named by the grid value that caused it (<paramref name="gridField"/> of
    /// its index; grid.PATH by default), or else by the base spec's field.
    /// </summary>
    public static SpecException InTrial(string field, string reason, IReadOnlyList<SweepValueSpec> values, Func<int, string>? gridField = null)
    {
        for (var i = 0; i < values.Count; i++)
        {
            var path = values[i].Path;
            var named = gridField?.Invoke(i) ?? $"grid.{path}";
            if (field == path)
            {
                return new SpecException(named, $"{values[i].Text}: {reason}");
            }
            if (path.StartsWith(field + ".", StringComparison.Ordinal) || field.StartsWith(path + ".", StringComparison.Ordinal) || field.StartsWith(path + "[", StringComparison.Ordinal))
            {
                return new SpecException(named, $"{field}: {reason}");
            }
        }
        return new SpecException($"base.{field}", $"{reason} (trial {string.Join(", ", values)})");
    }

    private static SpecException InTrial(SpecException error, IReadOnlyList<GridValue> values) =>
        InTrial(error.Field, error.Reason, [.. values.Select(value => value.Spec)], i => values[i].Node.Path);

    private sealed record GridEntry(string Path, IReadOnlyList<GridValue> Values);

    private sealed record GridValue(SpecNode Node, SweepValueSpec Spec);
}
