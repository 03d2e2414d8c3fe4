namespace Minimax.Grains.Jobs;

/// <summary>The records a parent job keeps of its child runs, one per run id.</summary>
internal static class ChildRecords
{
    /// <summary>Adds or replaces the record of its run; false when that record is there already.</summary>
    public static bool Record<T>(List<T> records, T record, Func<T, string> runId)
        where T : IEquatable<T>
    {
        var index = records.FindIndex(existing => runId(existing) == runId(record));
        if (index >= 0 && records[index].Equals(record))
        {
            return false;
        }
        if (index >= 0)
        {
            records[index] = record;
        }
        else
        {
            records.Add(record);
        }
        return true;
    }
}
