namespace Minimax.Engine.Data;

/// <summary>
/// Reads train, validation and test files into a <see cref="TabularDataset"/>. Class, attribute and group
/// ranges come from the training split; groups follow g = y·A + a (ALGORITHMS.md §0) when built from attributes.
/// </summary>
public static class TabularDatasetReader
{
    /// <summary>A cheap check for submit time: the files exist and their headers or schemas hold the named columns.</summary>
    public static void ValidateColumns(TabularDataOptions options)
    {
        CheckOptions(options);
        foreach (var file in Files(options))
        {
            TableColumns.RequireFile(file, options.Roots);
            if (options.Format == DataFileFormat.Csv)
            {
                TableColumns.Require(file, CsvTable.ReadHeader(file, options.Roots), NamedColumns(options).Concat(options.Features));
            }
            else
            {
                var schema = ParquetTable.ReadSchema(file, options.Roots);
                TableColumns.Require(file, schema.Select(c => c.Name).ToArray(), NamedColumns(options).Concat(options.Features));
                var named = NamedColumns(options).Concat(options.Features).ToHashSet();
                foreach (var (name, type) in schema)
                {
                    var used = named.Contains(name) || options.Features.Count == 0;
                    if (used && !ParquetTable.IsNumeric(type))
                    {
                        throw new DataException(file, null, name, $"the column is not numeric (type {type.Name}){ImplicitHint(options, name)}");
                    }
                }
            }
        }
    }

    public static TabularDataset Read(TabularDataOptions options)
    {
        CheckOptions(options);
        var tables = Files(options).Select(file => TableColumns.Open(options.Format, file, options.Roots)).ToArray();
        var (train, val, test) = (tables[0], tables[1], tables[2]);

        var features = FeatureColumns(train, options);
        foreach (var table in tables)
        {
            RequireRows(table, options, features);
        }

        var (trainLabels, classCount) = ClassLabels(train, options);
        var labels = new[] { trainLabels, TableColumns.Integers(val, options.Label, classCount), TableColumns.Integers(test, options.Label, classCount) };
        var (groups, groupCount) = GroupIds.Of(options.Group, options.GroupsBy, tables, labels, classCount);

        var trainCounts = new long[groupCount];
        foreach (var g in groups[0])
        {
            trainCounts[g]++;
        }

        var groupColumn = options.Group ?? string.Join('+', new[] { options.Label }.Concat(options.GroupsBy));
        for (var s = 1; s < tables.Length; s++)
        {
            for (var row = 0; row < groups[s].Length; row++)
            {
                if (trainCounts[groups[s][row]] == 0)
                {
                    throw tables[s].CellError(row, groupColumn, $"group {groups[s][row]} has no training examples");
                }
            }
        }

        var featureValues = tables.Select(t => TableColumns.Features(t, features, options.Features.Count == 0)).ToArray();
        if (options.Standardize)
        {
            var scaling = FeatureScaling.Fit(featureValues[0], features.Length);
            foreach (var split in featureValues)
            {
                scaling.Apply(split);
            }
        }

        var splits = Enumerable.Range(0, 3)
            .Select(s => new TabularSplit(featureValues[s], features.Length, labels[s], groups[s]))
            .ToArray();
        return new TabularDataset(splits[0], splits[1], splits[2], classCount, groupCount, features, trainCounts);
    }

    /// <summary>
    /// The features, scaling and classes a model trained on this dataset has, from the training split alone,
    /// exactly as <see cref="Read"/> derives them: what scoring the model on other data must reproduce.
    /// </summary>
    public static FeatureLayout ReadLayout(TabularDataOptions options)
    {
        CheckOptions(options);
        var train = TableColumns.Open(options.Format, options.TrainPath, options.Roots);
        var features = FeatureColumns(train, options);
        RequireRows(train, options, features);
        var (_, classCount) = ClassLabels(train, options);
        var scaling = options.Standardize
            ? FeatureScaling.Fit(TableColumns.Features(train, features, options.Features.Count == 0), features.Length)
            : null;
        return new FeatureLayout(features, classCount, scaling);
    }

    private static string[] FeatureColumns(DataTable train, TabularDataOptions options)
    {
        var named = NamedColumns(options).ToHashSet();
        var features = options.Features.Count > 0
            ? options.Features.ToArray()
            : train.Columns.Where(c => !named.Contains(c)).ToArray();
        return features.Length > 0
            ? features
            : throw new DataException(train.File, 1, null, "there are no feature columns besides the label and group columns");
    }

    private static void RequireRows(DataTable table, TabularDataOptions options, string[] features)
    {
        TableColumns.Require(table.File, table.Columns, NamedColumns(options).Concat(features));
        if (table.RowCount == 0)
        {
            throw new DataException(table.File, null, null, "the split has no rows");
        }
    }

    private static (int[] Labels, int ClassCount) ClassLabels(DataTable train, TabularDataOptions options)
    {
        var labels = TableColumns.Integers(train, options.Label, null);
        var classCount = TableColumns.CountOf(train, options.Label, labels, MaxClasses);
        return classCount >= 2
            ? (labels, classCount)
            : throw new DataException(train.File, null, options.Label, "the training labels hold a single class; at least two are needed");
    }

    /// <summary>Most classes and groups: per-class and per-group arrays are sized by the largest id in the data.</summary>
    public const int MaxClasses = 1 << 16;

    public const int MaxGroups = 1 << 16;

    private static IEnumerable<string> NamedColumns(TabularDataOptions options)
    {
        yield return options.Label;
        if (options.Group is { } group)
        {
            yield return group;
        }

        foreach (var attribute in options.GroupsBy)
        {
            yield return attribute;
        }
    }

    private static string ImplicitHint(TabularDataOptions options, string column) =>
        options.Features.Count == 0 ? TableColumns.ImplicitHint(column) : string.Empty;

    private static string[] Files(TabularDataOptions options) => [options.TrainPath, options.ValPath, options.TestPath];

    private static void CheckOptions(TabularDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Label))
        {
            throw new DataException("The label column is not set.");
        }

        if (options.Group is not null && options.GroupsBy.Count > 0)
        {
            throw new DataException("Give either a group column or groups_by attribute columns, not both.");
        }

        var named = NamedColumns(options).ToArray();
        if (named.Distinct().Count() != named.Length)
        {
            throw new DataException($"The label and group columns must differ: {string.Join(", ", named)}.");
        }

        var overlap = options.Features.Intersect(named).FirstOrDefault();
        if (overlap is not null)
        {
            throw new DataException($"Column '{overlap}' cannot be both a feature and the label or a group column.");
        }
    }
}
