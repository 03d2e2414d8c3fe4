namespace Minimax.Engine.Objectives;

/// <summary>
/// What the workers' forward passes report for one global minibatch, merged over workers: per-group
/// (per-domain) loss sums and counts (examples, or tokens for language models) and, for DoReMi, the
/// sums of per-token clipped excess losses max(ℓ_proxy − ℓ_ref, 0). Sums, never means (ALGORITHMS.md §0 rule 1).
/// </summary>
public sealed record BatchStatistics(double[] LossSums, long[] Counts, double[]? ExcessSums = null);
