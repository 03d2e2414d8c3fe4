using Minimax.Contracts.Grains;

namespace Minimax.Grains.Training;

/// <summary>Which worker holds which global training row (contiguous shards, in shard order).</summary>
public sealed class ShardLayout
{
    private readonly int[] _firstRows;

    public ShardLayout(IReadOnlyList<ShardInfo> shards)
    {
        _firstRows = shards.Select(shard => shard.FirstTrainRow).ToArray();
        TrainGroups = shards.SelectMany(shard => shard.TrainGroups).ToArray();
    }

    /// <summary>The group of every global training row.</summary>
    public int[] TrainGroups { get; }

    /// <summary>Splits global rows into shard-local rows per worker, keeping the batch order.</summary>
    public int[][] Split(int[] globalRows)
    {
        var perShard = _firstRows.Select(_ => new List<int>()).ToArray();
        foreach (var row in globalRows)
        {
            var shard = Array.BinarySearch(_firstRows, row);
            if (shard < 0)
            {
                shard = ~shard - 1;
            }
            perShard[shard].Add(row - _firstRows[shard]);
        }
        return perShard.Select(rows => rows.ToArray()).ToArray();
    }
}
