namespace Minimax.Engine.Objectives;

/// <summary>Empirical risk minimisation: the plain batch mean, c_g = 1/B.</summary>
public sealed class ErmRule : IGroupWeightRule
{
    private double[] weights;

    public ErmRule(int groups)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        weights = Enumerable.Repeat(1.0 / groups, groups).ToArray();
    }

    /// <summary>The last batch's group proportions b_g/B (uniform before the first batch).</summary>
    public double[] Weights => (double[])weights.Clone();

    public double[] LossCoefficients(double[] groupLossSums, long[] groupCounts)
    {
        ArgumentNullException.ThrowIfNull(groupCounts);
        if (groupCounts.Length != weights.Length)
        {
            throw new ArgumentException($"Expected {weights.Length} group counts, not {groupCounts.Length}.", nameof(groupCounts));
        }

        var total = groupCounts.Sum();
        var coefficients = new double[weights.Length];
        if (total == 0)
        {
            return coefficients;
        }

        var proportions = new double[weights.Length];
        for (var g = 0; g < weights.Length; g++)
        {
            coefficients[g] = 1.0 / total;
            proportions[g] = (double)groupCounts[g] / total;
        }

        weights = proportions;
        return coefficients;
    }

    public double[] GetState() => (double[])weights.Clone();

    public void RestoreState(double[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length != weights.Length)
        {
            throw new ArgumentException($"Expected a state of {weights.Length} values, not {state.Length}.", nameof(state));
        }

        weights = (double[])state.Clone();
    }
}
