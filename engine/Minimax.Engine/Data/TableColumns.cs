using Minimax.Engine.Files;

namespace Minimax.Engine.Data;

/// <summary>Reads the columns of one data file as the tabular readers use them: integer ids, float features, and checks.</summary>
internal static class TableColumns
{
    public static DataTable Open(DataFileFormat format, string file, DataRoots roots)
    {
        RequireFile(file, roots);
        return format == DataFileFormat.Csv ? CsvTable.Open(file, roots) : ParquetTable.Open(file, roots);
    }

    public static void RequireFile(string file, DataRoots roots)
    {
        switch (roots.Inspect(file))
        {
            case FileNodeKind.Missing:
                throw new DataException(file, null, null, "the file does not exist");
            case FileNodeKind.Folder:
                throw new DataException(file, null, null, "expected a file, found a folder");
        }
    }

    public static void Require(string file, IReadOnlyList<string> columns, IEnumerable<string> required)
    {
        // A set: tens of thousands of features against as many columns would be quadratic with a list.
        var present = columns.ToHashSet(StringComparer.Ordinal);
        foreach (var column in required)
        {
            if (!present.Contains(column))
            {
                throw new DataException(file, 1, column, $"no such column; the file has {ContentExcerpt.List(columns)}");
            }
        }
    }

    // Ids are 0-based indices, so the largest one sets the count; an enormous id must not size the arrays.
    public static int CountOf(DataTable table, string column, int[] ids, int max)
    {
        var largest = ids.Max();
        if (largest >= max)
        {
            throw table.CellError(Array.IndexOf(ids, largest), column, $"{largest} is too large: ids run from 0 to at most {max - 1}");
        }

        return largest + 1;
    }

    /// <summary>A column of non-negative integers, each below <paramref name="limit"/> when one is given (the training range).</summary>
    public static int[] Integers(DataTable table, string column, int? limit)
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

    /// <summary>Most feature values (rows times features) of one split: 1 GiB of floats.</summary>
    public const long MaxFeatureValues = 1 << 28;

    /// <summary>Row-major float features; <paramref name="implicitFeatures"/> explains an unusable column that was never named.</summary>
    public static float[] Features(DataTable table, IReadOnlyList<string> features, bool implicitFeatures)
    {
        var count = (long)table.RowCount * features.Count;
        if (count > MaxFeatureValues)
        {
            throw new DataException(table.File, null, null, $"{table.RowCount} rows of {features.Count} features are {count} values, more than the {MaxFeatureValues} one split may hold");
        }

        var values = new float[count];
        for (var f = 0; f < features.Count; f++)
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
                    $"{e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]}{ImplicitHint(features[f])}",
                    e);
            }

            for (var row = 0; row < column.Length; row++)
            {
                var value = (float)column[row];
                if (!float.IsFinite(value))
                {
                    throw table.CellError(row, features[f], $"{column[row]} does not fit a 32-bit float");
                }

                values[row * features.Count + f] = value;
            }
        }

        return values;
    }

    public static string ImplicitHint(string column) =>
        $"; features default to every column other than the label and group columns, so list the features to leave '{column}' out";
}
