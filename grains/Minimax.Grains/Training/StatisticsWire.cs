using Minimax.Contracts.Grains;
using Minimax.Engine.Objectives;

namespace Minimax.Grains.Training;

/// <summary>
/// Batch statistics on the way from a worker to the coordinator. <see cref="GroupLossStatistics"/> has one
/// slot for sums beyond loss sums and counts (Id 2, named after DoReMi's excess, its first user): an
/// objective's extra statistics travel there one after another, one value per group each, in the order
/// <see cref="Objectives.IObjective.ExtraStatistics"/> lists them. With one statistic the slot holds exactly it.
/// </summary>
public static class StatisticsWire
{
    public static GroupLossStatistics Pack(BatchStatistics statistics, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return new GroupLossStatistics(statistics.LossSums, statistics.Counts);
        }

        var groups = statistics.LossSums.Length;
        var packed = new double[groups * names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var sums = statistics.Extra(names[i]);
            if (sums.Length != groups)
            {
                throw new InvalidOperationException($"The worker reported {sums.Length} '{names[i]}' sums for {groups} groups.");
            }

            sums.CopyTo(packed, i * groups);
        }

        return new GroupLossStatistics(statistics.LossSums, statistics.Counts, packed);
    }

    public static BatchStatistics Unpack(GroupLossStatistics wire, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return new BatchStatistics(wire.LossSums, wire.Counts);
        }

        var groups = wire.LossSums.Length;
        var packed = wire.ExcessSums;
        if (packed is null || packed.Length != groups * names.Count)
        {
            throw new InvalidOperationException(
                $"A worker sent {packed?.Length ?? 0} extra sums; the objective reads {names.Count} per group ({string.Join(", ", names)}) for {groups} groups.");
        }

        var extra = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            extra[names[i]] = packed[(i * groups)..((i + 1) * groups)];
        }

        return new BatchStatistics(wire.LossSums, wire.Counts, extra);
    }

    /// <summary>The global batch's statistics: the workers' sums added up group by group, in shard order.</summary>
    public static BatchStatistics Merge(IEnumerable<GroupLossStatistics> shards, int groups, IReadOnlyList<string> names) =>
        BatchStatistics.Merge(shards.Select(shard => Unpack(shard, names)), groups, names);
}
