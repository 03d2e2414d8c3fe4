namespace Minimax.Engine.Data;

/// <summary>One split held in memory: row-major features, integer labels and group ids.</summary>
public sealed class TabularSplit
{
    public TabularSplit(float[] features, int featureCount, int[] labels, int[] groups)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if (groups.Length != labels.Length || features.Length != (long)labels.Length * featureCount)
        {
            throw new ArgumentException($"Expected {labels.Length} groups and {labels.Length} x {featureCount} features.");
        }

        Features = features;
        FeatureCount = featureCount;
        Labels = labels;
        Groups = groups;
    }

    public int Count => Labels.Length;

    public int FeatureCount { get; }

    public float[] Features { get; }

    public int[] Labels { get; }

    public int[] Groups { get; }

    /// <summary>A copy of rows [start, start + count).</summary>
    public TabularSplit Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Count);
        return new TabularSplit(
            Features.AsSpan(start * FeatureCount, count * FeatureCount).ToArray(),
            FeatureCount,
            Labels.AsSpan(start, count).ToArray(),
            Groups.AsSpan(start, count).ToArray());
    }
}
