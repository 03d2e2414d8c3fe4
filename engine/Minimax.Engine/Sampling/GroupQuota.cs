using Minimax.Engine.Randomness;

namespace Minimax.Engine.Sampling;

/// <summary>
/// How many slots of a batch of B rows each group gets under weights w: ⌊w_g·B⌋ guaranteed slots, and the
/// remaining R = B − Σ_g ⌊w_g·B⌋ slots drawn i.i.d. from the residuals (w_g·B − ⌊w_g·B⌋)/R. Then
/// E[slots_g] = ⌊w_g·B⌋ + R·(w_g·B − ⌊w_g·B⌋)/R = w_g·B exactly, which largest-remainder rounding does not give,
/// and a group with w_g·B ≥ 1 is in every batch.
/// </summary>
internal sealed class GroupQuota
{
    private readonly int[] guaranteed;
    private readonly double[] residualCumulative;
    private readonly int drawn;
    private readonly int batchSize;

    public GroupQuota(double[] weights, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (weights.Any(w => !double.IsFinite(w) || w < 0))
        {
            throw new ArgumentException("Group weights must be finite and non-negative.", nameof(weights));
        }

        var total = weights.Sum();
        if (total <= 0)
        {
            throw new ArgumentException("At least one group weight must be positive.", nameof(weights));
        }

        this.batchSize = batchSize;
        guaranteed = new int[weights.Length];
        residualCumulative = new double[weights.Length];
        var cumulative = 0.0;
        for (var g = 0; g < weights.Length; g++)
        {
            var expected = weights[g] / total * batchSize;
            guaranteed[g] = (int)Math.Floor(expected);
            cumulative += expected - guaranteed[g];
            residualCumulative[g] = cumulative;
        }

        // Rounding can push Σ⌊w_g·B⌋ past B by a hair's worth of w; trim from the largest groups' guarantee.
        while (guaranteed.Sum() > batchSize)
        {
            guaranteed[Array.IndexOf(guaranteed, guaranteed.Max())]--;
        }

        drawn = batchSize - guaranteed.Sum();
    }

    /// <summary>The group of each of the B slots, guaranteed slots first, then the residual draws (unshuffled).</summary>
    public int[] Draw(SplitMix64 rng)
    {
        var slots = new int[batchSize];
        var next = 0;
        for (var g = 0; g < guaranteed.Length; g++)
        {
            for (var i = 0; i < guaranteed[g]; i++)
            {
                slots[next++] = g;
            }
        }

        var residualTotal = residualCumulative[^1];
        for (var i = 0; i < drawn; i++)
        {
            slots[next++] = ResidualGroup(rng.NextDouble() * residualTotal);
        }

        return slots;
    }

    // The first group whose cumulative residual exceeds u; a group with zero residual never does first.
    private int ResidualGroup(double u)
    {
        for (var g = 0; g < residualCumulative.Length; g++)
        {
            if (u < residualCumulative[g])
            {
                return g;
            }
        }

        // u rounded up to the total: the last group that has any residual.
        for (var g = residualCumulative.Length - 1; g > 0; g--)
        {
            if (residualCumulative[g] > residualCumulative[g - 1])
            {
                return g;
            }
        }

        return 0;
    }
}
