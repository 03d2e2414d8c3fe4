namespace Minimax.Engine.Metrics;

/// <summary>A classifier's per-group tally over a split, with each example's predicted class and loss.</summary>
public sealed record ScoredSplit(GroupTally Tally, int[] Predictions, double[] Losses);
