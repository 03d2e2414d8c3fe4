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
    private readonly GroupQuota? quota;
    private int completedEpochs;
    private int position;
    private int[] order = [];

    public BatchSampler(int[] trainGroups, int batchSize, SamplingMode mode, ulong seed)
        : this(trainGroups, batchSize, mode, null, seed)
    {
    }

    /// <summary>
    /// Domain-weighted sampling (<see cref="SamplingMode.GroupWeights"/>): every batch holds exactly
    /// <paramref name="batchSize"/> rows whose groups follow <paramref name="groupWeights"/> (one per group, ≥ 0,
    /// normalised here), e.g. DoReMi's uniform proxy mixture or its averaged weights ᾱ for the final model.
    /// </summary>
    public BatchSampler(int[] trainGroups, int batchSize, double[] groupWeights, ulong seed)
        : this(trainGroups, batchSize, SamplingMode.GroupWeights, groupWeights ?? throw new ArgumentNullException(nameof(groupWeights)), seed)
    {
    }

    private BatchSampler(int[] trainGroups, int batchSize, SamplingMode mode, double[]? groupWeights, ulong seed)
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
        if (mode == SamplingMode.GroupWeights && groupWeights is null)
        {
            throw new ArgumentException("Group-weighted sampling needs the group weights; use the constructor that takes them.", nameof(mode));
        }

        var groupCount = Math.Max(trainGroups.Max() + 1, groupWeights?.Length ?? 0);
        var members = Enumerable.Range(0, groupCount).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < rows; i++)
        {
            members[trainGroups[i]].Add(i);
        }

        rowsByGroup = members.Select(m => m.ToArray()).ToArray();
        presentGroups = Enumerable.Range(0, groupCount).Where(g => rowsByGroup[g].Length > 0).ToArray();
        if (groupWeights is not null)
        {
            if (groupWeights.Length < trainGroups.Max() + 1)
            {
                throw new ArgumentException($"The training split has {trainGroups.Max() + 1} groups but only {groupWeights.Length} weights.", nameof(groupWeights));
            }

            quota = new GroupQuota(groupWeights, batchSize);
            for (var g = 0; g < groupCount; g++)
            {
                if (groupWeights[g] > 0 && rowsByGroup[g].Length == 0)
                {
                    throw new ArgumentException($"Group {g} has weight {groupWeights[g]} but no training rows.", nameof(groupWeights));
                }
            }
        }
    }

    public int StepsPerEpoch => (rows + batchSize - 1) / batchSize;

    /// <summary>Epochs consumed so far, counting a partly consumed epoch fractionally.</summary>
    public double Epoch => completedEpochs + (double)position / rows;

    public int[] NextBatch()
    {
        if (quota is not null)
        {
            return WeightedBatch(quota);
        }

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

    // Each batch is drawn afresh from the generator, so the state needs no order: rng, epoch and position suffice.
    private int[] WeightedBatch(GroupQuota groupQuota)
    {
        var groups = groupQuota.Draw(rng);
        var batch = new int[groups.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            var members = rowsByGroup[groups[i]];
            batch[i] = members[rng.NextInt(members.Length)];
        }

        Shuffle(batch);
        position += batch.Length;
        completedEpochs += position / rows;
        position %= rows;
        return batch;
    }

    private void Shuffle(int[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    // Fisher-Yates, as torch.randperm would give for DataLoader(shuffle=True).
    private int[] Permutation()
    {
        var permutation = Enumerable.Range(0, rows).ToArray();
        Shuffle(permutation);
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
