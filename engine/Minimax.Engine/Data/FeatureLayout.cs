namespace Minimax.Engine.Data;

/// <summary>
/// What a classifier trained on a tabular dataset takes and gives: its feature columns in order, the scaling
/// its training applied to them (null when none) and its number of classes.
/// </summary>
public sealed record FeatureLayout(IReadOnlyList<string> Features, int ClassCount, FeatureScaling? Scaling);
