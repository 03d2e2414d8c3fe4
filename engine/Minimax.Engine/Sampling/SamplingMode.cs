namespace Minimax.Engine.Sampling;

public enum SamplingMode
{
    /// <summary>A fresh permutation every epoch (PyTorch <c>shuffle=True, drop_last=False</c>).</summary>
    Shuffle,

    /// <summary>N draws with replacement, example i weighted 1/n_{g_i} (reference <c>--reweight_groups</c>).</summary>
    InverseGroupFrequency,
}
