namespace Minimax.Engine.Sampling;

public enum SamplingMode
{
    /// <summary>A fresh permutation every epoch (PyTorch <c>shuffle=True, drop_last=False</c>).</summary>
    Shuffle,

    /// <summary>N draws with replacement, example i weighted 1/n_{g_i} (reference <c>--reweight_groups</c>).</summary>
    InverseGroupFrequency,

    /// <summary>
    /// Full batches whose groups follow given weights (DoReMi's domain mixture, ALGORITHMS.md §2c), rows drawn with
    /// replacement within a group; built with the <see cref="BatchSampler"/> constructor that takes the weights.
    /// </summary>
    GroupWeights,
}
