using Minimax.Engine.Randomness;

namespace Minimax.Engine.Sampling;

/// <summary>Yields minibatches of global training row indices, epoch after epoch, deterministically from a seed.</summary>
public sealed class BatchSampler
{
    private readonly int rows;
    private readonly int batchSize;
    private readonly SamplingMode mode;
    private readonly SplitMix64 rng;
    private readonly int[][] rowsByGroup;
    private readonly int[] presentGroups;
    private int completedEpochs;
    private int position;
    private int[] order = [];

    public BatchSampler(int[] trainGroups, int batchSize, SamplingMode mode, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(trainGroups);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (trainGroups.Length == 0)
        {
            throw new ArgumentException("The training split has no rows.", nameof(trainGroups));
        }

        rows = trainGroups.Length;
        this.batchSize = batchSize;
        this.mode = mode;
        rng = new SplitMix64(seed);
        var groupCount = trainGroups.Max() + 1;
        var members = Enumerable.Range(0, groupCount).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < rows; i++)
        {
            members[trainGroups[i]].Add(i);
        }

        rowsByGroup = members.Select(m => m.ToArray()).ToArray();
        presentGroups = Enumerable.Range(0, groupCount).Where(g => rowsByGroup[g].Length > 0).ToArray();
    }

    public int StepsPerEpoch => (rows + batchSize - 1) / batchSize;

    /// <summary>Epochs consumed so far, counting a partly consumed epoch fractionally.</summary>
    public double Epoch => completedEpochs + (double)position / rows;

    public int[] NextBatch()
    {
        if (order.Length == 0)
        {
            order = mode == SamplingMode.Shuffle ? Permutation() : InverseFrequencyDraws();
        }

        var size = Math.Min(batchSize, rows - position);
        var batch = order.AsSpan(position, size).ToArray();
        position += size;
        if (position == rows)
        {
            completedEpochs++;
            position = 0;
            order = [];
        }

        return batch;
    }

    public SamplerState GetState() => new(rng.State, completedEpochs, position, (int[])order.Clone());

    public void Restore(SamplerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Order.Length != 0 && state.Order.Length != rows)
        {
            throw new ArgumentException($"The saved order has {state.Order.Length} rows, the training split {rows}.", nameof(state));
        }

        if (state.Position < 0 || state.Position >= rows)
        {
            throw new ArgumentException($"The saved position {state.Position} is outside 0..{rows - 1}.", nameof(state));
        }

        rng.State = state.RngState;
        completedEpochs = state.Epoch;
        position = state.Position;
        order = (int[])state.Order.Clone();
    }

    // Fisher-Yates, as torch.randperm would give for DataLoader(shuffle=True).
    private int[] Permutation()
    {
        var permutation = Enumerable.Range(0, rows).ToArray();
        for (var i = rows - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }

        return permutation;
    }

    // With weights 1/n_g every present group carries the same total mass, so drawing a group uniformly and then
    // a row uniformly within it is WeightedRandomSampler(weights, N, replacement=True) (data/dro_dataset.py).
    private int[] InverseFrequencyDraws()
    {
        var draws = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var members = rowsByGroup[presentGroups[rng.NextInt(presentGroups.Length)]];
            draws[i] = members[rng.NextInt(members.Length)];
        }

        return draws;
    }
}
