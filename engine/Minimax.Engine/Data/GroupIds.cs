namespace Minimax.Engine.Data;

/// <summary>
/// The group of every row of one or more tables: a group column, or the label combined with attribute
/// columns as g = y·A + a (ALGORITHMS.md §0). The first table sets the ranges; the others must lie in them.
/// </summary>
internal static class GroupIds
{
    public static (int[][] Groups, int GroupCount) Of(string? group, IReadOnlyList<string> groupsBy, DataTable[] tables, int[][] labels, int classCount)
    {
        if (group is { } column)
        {
            var first = TableColumns.Integers(tables[0], column, null);
            var count = TableColumns.CountOf(tables[0], column, first, TabularDatasetReader.MaxGroups);
            return ([first, .. tables.Skip(1).Select(table => TableColumns.Integers(table, column, count))], count);
        }

        var groups = labels.Select(l => new int[l.Length]).ToArray();
        if (groupsBy.Count == 0)
        {
            return (groups, 1);
        }

        // Mixed radix, first attribute most significant: a = Σ_k a_k·Π_{j>k} A_j, then g = y·A + a.
        var combined = labels.Select(l => new long[l.Length]).ToArray();
        long attributeValues = 1;
        foreach (var attribute in groupsBy)
        {
            var firstValues = TableColumns.Integers(tables[0], attribute, null);
            var cardinality = TableColumns.CountOf(tables[0], attribute, firstValues, TabularDatasetReader.MaxGroups);
            for (var s = 0; s < tables.Length; s++)
            {
                var values = s == 0 ? firstValues : TableColumns.Integers(tables[s], attribute, cardinality);
                for (var row = 0; row < values.Length; row++)
                {
                    combined[s][row] = combined[s][row] * cardinality + values[row];
                }
            }

            attributeValues *= cardinality;
            if (attributeValues > TabularDatasetReader.MaxGroups / classCount)
            {
                throw new DataException(tables[0].File, null, null, $"the label and the attributes {string.Join(", ", groupsBy)} make more than {TabularDatasetReader.MaxGroups} groups");
            }
        }

        var groupCount = classCount * attributeValues;
        if (groupCount > TabularDatasetReader.MaxGroups)
        {
            throw new DataException(tables[0].File, null, null, $"the attributes {string.Join(", ", groupsBy)} make {groupCount} groups, too many");
        }

        for (var s = 0; s < tables.Length; s++)
        {
            for (var row = 0; row < groups[s].Length; row++)
            {
                groups[s][row] = (int)(labels[s][row] * attributeValues + combined[s][row]);
            }
        }

        return (groups, (int)groupCount);
    }
}
