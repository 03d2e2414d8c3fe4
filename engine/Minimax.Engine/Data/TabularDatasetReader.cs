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
            RequireFile(file);
            if (options.Format == DataFileFormat.Csv)
            {
                RequireColumns(file, CsvTable.ReadHeader(file), options, options.Features);
            }
            else
            {
                var schema = ParquetTable.ReadSchema(file);
                RequireColumns(file, schema.Select(c => c.Name).ToArray(), options, options.Features);
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
        var tables = Files(options).Select(file => Open(options.Format, file)).ToArray();
        var (train, val, test) = (tables[0], tables[1], tables[2]);

        var named = NamedColumns(options).ToHashSet();
        var features = options.Features.Count > 0
            ? options.Features.ToArray()
            : train.Columns.Where(c => !named.Contains(c)).ToArray();
        if (features.Length == 0)
        {
            throw new DataException(train.File, 1, null, "there are no feature columns besides the label and group columns");
        }

        foreach (var table in tables)
        {
            RequireColumns(table.File, table.Columns, options, features);
            if (table.RowCount == 0)
            {
                throw new DataException(table.File, null, null, "the split has no rows");
            }
        }

        var trainLabels = Integers(train, options.Label, null);
        var classCount = CountOf(train, options.Label, trainLabels, MaxClasses);
        if (classCount < 2)
        {
            throw new DataException(train.File, null, options.Label, "the training labels hold a single class; at least two are needed");
        }

        var labels = new[] { trainLabels, Integers(val, options.Label, classCount), Integers(test, options.Label, classCount) };
        var (groups, groupCount) = Groups(options, tables, labels, classCount);

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

        var featureValues = tables.Select(t => Features(t, features, options.Features.Count == 0)).ToArray();
        if (options.Standardize)
        {
            Standardize(featureValues, features.Length);
        }

        var splits = Enumerable.Range(0, 3)
            .Select(s => new TabularSplit(featureValues[s], features.Length, labels[s], groups[s]))
            .ToArray();
        return new TabularDataset(splits[0], splits[1], splits[2], classCount, groupCount, features, trainCounts);
    }

    private static (int[][] Groups, int GroupCount) Groups(TabularDataOptions options, DataTable[] tables, int[][] labels, int classCount)
    {
        if (options.Group is { } column)
        {
            var trainGroups = Integers(tables[0], column, null);
            var count = CountOf(tables[0], column, trainGroups, MaxGroups);
            return ([trainGroups, Integers(tables[1], column, count), Integers(tables[2], column, count)], count);
        }

        var groups = labels.Select(l => new int[l.Length]).ToArray();
        if (options.GroupsBy.Count == 0)
        {
            return (groups, 1);
        }

        // Mixed radix, first attribute most significant: a = Σ_k a_k·Π_{j>k} A_j, then g = y·A + a.
        var combined = labels.Select(l => new long[l.Length]).ToArray();
        long attributeValues = 1;
        foreach (var attribute in options.GroupsBy)
        {
            var trainValues = Integers(tables[0], attribute, null);
            var cardinality = CountOf(tables[0], attribute, trainValues, MaxGroups);
            var values = new[] { trainValues, Integers(tables[1], attribute, cardinality), Integers(tables[2], attribute, cardinality) };
            for (var s = 0; s < 3; s++)
            {
                for (var row = 0; row < values[s].Length; row++)
                {
                    combined[s][row] = combined[s][row] * cardinality + values[s][row];
                }
            }

            attributeValues *= cardinality;
            if (attributeValues > MaxGroups / classCount)
            {
                throw new DataException(tables[0].File, null, null, $"the label and the attributes {string.Join(", ", options.GroupsBy)} make more than {MaxGroups} groups");
            }
        }

        var groupCount = classCount * attributeValues;
        if (groupCount > MaxGroups)
        {
            throw new DataException(tables[0].File, null, null, $"the attributes {string.Join(", ", options.GroupsBy)} make {groupCount} groups, too many");
        }

        for (var s = 0; s < 3; s++)
        {
            for (var row = 0; row < groups[s].Length; row++)
            {
                groups[s][row] = (int)(labels[s][row] * attributeValues + combined[s][row]);
            }
        }

        return (groups, (int)groupCount);
    }

    /// <summary>Most classes and groups: per-class and per-group arrays are sized by the largest id in the data.</summary>
    public const int MaxClasses = 1 << 16;

    public const int MaxGroups = 1 << 16;

    // Ids are 0-based indices, so the largest one sets the count; an enormous id must not size the arrays.
    private static int CountOf(DataTable table, string column, int[] ids, int max)
    {
        var largest = ids.Max();
        if (largest >= max)
        {
            throw table.CellError(Array.IndexOf(ids, largest), column, $"{largest} is too large: ids run from 0 to at most {max - 1}");
        }

        return largest + 1;
    }

    private static int[] Integers(DataTable table, string column, int? limit)
    {
        var values = table.ReadNumeric(column);
        var integers = new int[values.Length];
        for (var row = 0; row < values.Length; row++)
        {
            var value = values[row];
            if (value != Math.Floor(value) || value > int.MaxValue || value < int.MinValue)
            {
                throw table.CellError(row, column, $"{value} is not an integer");
            }

            if (value < 0)
            {
                throw table.CellError(row, column, $"{value} is negative");
            }

            if (limit is { } l && value >= l)
            {
                throw table.CellError(row, column, $"{value} is outside the training range 0..{l - 1}");
            }

            integers[row] = (int)value;
        }

        return integers;
    }

    private static float[] Features(DataTable table, string[] features, bool implicitFeatures)
    {
        var values = new float[table.RowCount * features.Length];
        for (var f = 0; f < features.Length; f++)
        {
            double[] column;
            try
            {
                column = table.ReadNumeric(features[f]);
            }
            catch (DataException e) when (implicitFeatures)
            {
                throw new DataException(
                    e.File,
                    e.Line,
                    e.Column,
                    $"{e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]}; features default to every column other than the label and group columns, so list the features to leave '{features[f]}' out",
                    e);
            }

            for (var row = 0; row < column.Length; row++)
            {
                var value = (float)column[row];
                if (!float.IsFinite(value))
                {
                    throw table.CellError(row, features[f], $"{column[row]} does not fit a 32-bit float");
                }

                values[row * features.Length + f] = value;
            }
        }

        return values;
    }

    // z-score with the training split's mean and population standard deviation; a constant feature keeps std 1.
    private static void Standardize(float[][] splits, int featureCount)
    {
        var train = splits[0];
        var rows = train.Length / featureCount;
        for (var f = 0; f < featureCount; f++)
        {
            double sum = 0;
            for (var row = 0; row < rows; row++)
            {
                sum += train[row * featureCount + f];
            }

            var mean = sum / rows;
            double squares = 0;
            for (var row = 0; row < rows; row++)
            {
                var d = train[row * featureCount + f] - mean;
                squares += d * d;
            }

            var std = Math.Sqrt(squares / rows);
            if (std == 0)
            {
                std = 1;
            }

            foreach (var split in splits)
            {
                for (var i = f; i < split.Length; i += featureCount)
                {
                    split[i] = (float)((split[i] - mean) / std);
                }
            }
        }
    }

    private static DataTable Open(DataFileFormat format, string file)
    {
        RequireFile(file);
        return format == DataFileFormat.Csv ? CsvTable.Open(file) : ParquetTable.Open(file);
    }

    private static void RequireFile(string file)
    {
        if (!File.Exists(file))
        {
            throw new DataException(file, null, null, "the file does not exist");
        }
    }

    private static void RequireColumns(string file, IReadOnlyList<string> columns, TabularDataOptions options, IEnumerable<string> features)
    {
        foreach (var column in NamedColumns(options).Concat(features))
        {
            if (!columns.Contains(column))
            {
                throw new DataException(file, 1, column, $"no such column; the file has {string.Join(", ", columns.Select(c => $"'{c}'"))}");
            }
        }
    }

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
        options.Features.Count == 0
            ? $"; features default to every column other than the label and group columns, so list the features to leave '{column}' out"
            : string.Empty;

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
