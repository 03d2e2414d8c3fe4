namespace Minimax.Engine.Objectives;

/// <summary>
/// The reference minibatch Group DRO (ALGORITHMS.md 1c steps 2, 4-7): group means, adjusted losses,
/// exponentiated-gradient step on q, then R = Σ_g q'_g·L_g back-propagated as Σ_i (q'_{g_i}/b_{g_i})·ℓ_i.
/// </summary>
public sealed class GroupDroRule : IGroupWeightRule
{
    private readonly double stepSize;
    private readonly double[] adjustment;
    private readonly long[] trainCounts;
    private readonly bool normalizeLoss;
    private double[] q;

    public GroupDroRule(int groups, double stepSize, IReadOnlyList<double> adjustment, long[] trainCounts, bool normalizeLoss)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        ArgumentNullException.ThrowIfNull(adjustment);
        ArgumentNullException.ThrowIfNull(trainCounts);
        if (adjustment.Count > 1 && adjustment.Count != groups)
        {
            throw new ArgumentException($"The adjustment needs 1 or {groups} values, not {adjustment.Count}.", nameof(adjustment));
        }

        if (trainCounts.Length != groups)
        {
            throw new ArgumentException($"Expected {groups} training counts, not {trainCounts.Length}.", nameof(trainCounts));
        }

        this.stepSize = stepSize;
        this.adjustment = adjustment.ToArray();
        this.trainCounts = (long[])trainCounts.Clone();
        this.normalizeLoss = normalizeLoss;
        q = Enumerable.Repeat(1.0 / groups, groups).ToArray();
        LastGroupLosses = new double[groups];
    }

    public double[] Weights => (double[])q.Clone();

    /// <summary>The unadjusted group means L_g of the last batch.</summary>
    public double[] LastGroupLosses { get; private set; }

    /// <summary>R = Σ_g q'_g·L_g of the last batch, without the adjustment (§1g in-place aliasing).</summary>
    public double LastRobustLoss { get; private set; }

    public double[] LossCoefficients(double[] groupLossSums, long[] groupCounts)
    {
        ArgumentNullException.ThrowIfNull(groupLossSums);
        ArgumentNullException.ThrowIfNull(groupCounts);
        if (groupLossSums.Length != q.Length || groupCounts.Length != q.Length)
        {
            throw new ArgumentException($"Expected {q.Length} group sums and counts.", nameof(groupLossSums));
        }

        var losses = GroupDro.GroupMeans(groupLossSums, groupCounts);
        var adjusted = GroupDro.AdjustedLosses(losses, adjustment, trainCounts, normalizeLoss);
        q = GroupDro.UpdateWeights(q, adjusted, stepSize);
        LastGroupLosses = losses;
        LastRobustLoss = GroupDro.RobustLoss(q, losses);

        var coefficients = new double[q.Length];
        for (var g = 0; g < q.Length; g++)
        {
            coefficients[g] = groupCounts[g] > 0 ? q[g] / groupCounts[g] : 0.0;
        }

        return coefficients;
    }

    public double[] GetState() => (double[])q.Clone();

    public void RestoreState(double[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length != q.Length)
        {
            throw new ArgumentException($"Expected a state of {q.Length} values, not {state.Length}.", nameof(state));
        }

        q = (double[])state.Clone();
    }
}
