using System.Globalization;

namespace Minimax.Engine.Data;

/// <summary>
/// A test file read once for every model scored on it: labels, groups and example ids. Features are read
/// per model, in that model's columns and with its training scaling (<see cref="FeatureLayout"/>).
/// </summary>
public sealed class TabularTestSet
{
    private readonly DataTable table;

    private TabularTestSet(DataTable table, int[] labels, int[] groups, int groupCount, string[] ids, string[]? classes)
    {
        this.table = table;
        Labels = labels;
        Groups = groups;
        GroupCount = groupCount;
        Ids = ids;
        Classes = classes;
    }

    public int Count => Labels.Length;

    public int[] Labels { get; }

    public int[] Groups { get; }

    public int GroupCount { get; }

    /// <summary>The largest label plus one.</summary>
    public int ClassCount => Labels.Max() + 1;

    /// <summary>Each example's id: the id column's text, or the row number; unique within the file.</summary>
    public string[] Ids { get; }

    /// <summary>The class column's text per example, when one was asked for.</summary>
    public string[]? Classes { get; }

    public static TabularTestSet Read(TabularTestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var table = TableColumns.Open(options.Format, options.Path, options.Roots);
        string?[] named = [options.Label, options.Group, .. options.GroupsBy, options.Id, options.ClassColumn];
        TableColumns.Require(table.File, table.Columns, named.OfType<string>().Distinct());
        if (table.RowCount == 0)
        {
            throw new DataException(table.File, null, null, "the file has no rows");
        }

        var labels = TableColumns.Integers(table, options.Label, null);
        var classCount = TableColumns.CountOf(table, options.Label, labels, TabularDatasetReader.MaxClasses);
        var (groups, groupCount) = GroupIds.Of(options.Group, options.GroupsBy, [table], [labels], classCount);
        var ids = options.Id is { } idColumn
            ? Unique(table, idColumn, table.ReadText(idColumn))
            : Enumerable.Range(0, table.RowCount).Select(row => row.ToString(CultureInfo.InvariantCulture)).ToArray();
        var classes = options.ClassColumn is { } classColumn ? table.ReadText(classColumn) : null;
        return new TabularTestSet(table, labels, groups[0], groupCount, ids, classes);
    }

    /// <summary>
    /// Every example with the given feature <paramref name="columns"/>, which take the places of the layout's
    /// features (same count, same order), scaled as the layout's training scaled them.
    /// </summary>
    public TabularSplit Split(FeatureLayout layout, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != layout.Features.Count)
        {
            throw new ArgumentException($"{columns.Count} feature columns cannot stand for a model's {layout.Features.Count} features.", nameof(columns));
        }

        TableColumns.Require(table.File, table.Columns, columns);
        var features = TableColumns.Features(table, columns, implicitFeatures: false);
        layout.Scaling?.Apply(features);
        return new TabularSplit(features, columns.Count, Labels, Groups);
    }

    private static string[] Unique(DataTable table, string column, string[] ids)
    {
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < ids.Length; row++)
        {
            if (!rows.TryAdd(ids[row], row))
            {
                throw table.CellError(row, column, $"id {ContentExcerpt.Quote(ids[row])} is also the id of an earlier example (row {rows[ids[row]] + 1})");
            }
        }

        return ids;
    }
}
