namespace Minimax.Engine.Sampling;

/// <summary>
/// Everything a <see cref="BatchSampler"/> needs to continue exactly where it stopped.
/// <paramref name="Order"/> is the current epoch's permutation or draws (empty before an epoch starts).
/// </summary>
public sealed record SamplerState(ulong RngState, int Epoch, int Position, int[] Order);
