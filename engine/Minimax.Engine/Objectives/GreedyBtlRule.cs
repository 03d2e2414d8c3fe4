namespace Minimax.Engine.Objectives;

/// <summary>
/// The reference's greedy Group DRO variant (<c>loss.py: compute_robust_loss_btl</c>; ALGORITHMS.md 1c variants):
/// each batch first moves the EMA of group losses (step 3, rate γ), then weighs groups by
/// <see cref="GreedyBtl.Weights"/> over a_g = E_g + C_g/√n_g and the training fractions n_g/N, and
/// back-propagates R = Σ_g w_g·L_g over the batch's group means, i.e. c_g = w_g / b_g. It keeps no q.
/// </summary>
public sealed class GreedyBtlRule : IGroupWeightRule
{
    private readonly double[] adjustment;
    private readonly long[] trainCounts;
    private readonly double[] trainFractions;
    private readonly double alpha;
    private readonly GroupLossEma ema;
    private double[] weights;

    public GreedyBtlRule(int groups, IReadOnlyList<double> adjustment, long[] trainCounts, double alpha, double gamma)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        ArgumentNullException.ThrowIfNull(adjustment);
        ArgumentNullException.ThrowIfNull(trainCounts);
        if (alpha is <= 0 or > 1 || double.IsNaN(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The btl fraction alpha must lie in (0, 1].");
        }

        if (trainCounts.Length != groups || trainCounts.Sum() <= 0)
        {
            throw new ArgumentException($"Expected {groups} training counts, not all zero.", nameof(trainCounts));
        }

        this.adjustment = adjustment.ToArray();
        this.trainCounts = (long[])trainCounts.Clone();
        var total = (double)trainCounts.Sum();
        trainFractions = trainCounts.Select(n => n / total).ToArray();
        this.alpha = alpha;
        ema = new GroupLossEma(groups, gamma);
        weights = Enumerable.Repeat(1.0 / groups, groups).ToArray();
    }

    /// <summary>The last batch's greedy weights w (uniform before the first batch).</summary>
    public double[] Weights => (double[])weights.Clone();

    /// <summary>The EMA E_g of group losses after the last batch (0 for a group never seen).</summary>
    public double[] AverageLosses => ema.Values;

    public double[] LossCoefficients(double[] groupLossSums, long[] groupCounts)
    {
        ArgumentNullException.ThrowIfNull(groupLossSums);
        ArgumentNullException.ThrowIfNull(groupCounts);
        if (groupLossSums.Length != weights.Length || groupCounts.Length != weights.Length)
        {
            throw new ArgumentException($"Expected {weights.Length} group sums and counts.", nameof(groupLossSums));
        }

        ema.Update(GroupDro.GroupMeans(groupLossSums, groupCounts), groupCounts);
        var adjusted = GroupDro.AdjustedLosses(ema.Values, adjustment, trainCounts, normalize: false);
        weights = GreedyBtl.Weights(adjusted, trainFractions, alpha);

        var coefficients = new double[weights.Length];
        for (var g = 0; g < weights.Length; g++)
        {
            coefficients[g] = groupCounts[g] > 0 ? weights[g] / groupCounts[g] : 0.0;
        }

        return coefficients;
    }

    /// <summary>[w (G), E (G), initialised (G)]: everything needed to continue bit-identically.</summary>
    public double[] GetState() => [.. weights, .. ema.GetState()];

    public void RestoreState(double[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var groups = weights.Length;
        if (state.Length != 3 * groups)
        {
            throw new ArgumentException($"Expected a state of {3 * groups} values, not {state.Length}.", nameof(state));
        }

        ema.RestoreState(state[groups..]);
        weights = state[..groups];
    }
}
