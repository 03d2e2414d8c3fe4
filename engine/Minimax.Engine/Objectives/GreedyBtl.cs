namespace Minimax.Engine.Objectives;

/// <summary>
/// The reference's greedy CVaR-like <c>btl</c> weights (ALGORITHMS.md 1c variants; GDRO-7).
/// </summary>
public static class GreedyBtl
{
    /// <summary>
    /// Sorts groups by adjusted loss (descending), gives each frac_g/α while the cumulative training fraction
    /// stays within α, the next group the remainder, the rest 0; then w = m·frac + (1−m)·w.
    /// </summary>
    public static double[] Weights(double[] adjustedLosses, double[] trainFractions, double alpha, double minimumVariationalWeight = 0)
    {
        ArgumentNullException.ThrowIfNull(adjustedLosses);
        ArgumentNullException.ThrowIfNull(trainFractions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        if (adjustedLosses.Length != trainFractions.Length)
        {
            throw new ArgumentException("Losses and fractions must have one value per group.", nameof(trainFractions));
        }

        // OrderBy is stable, so ties keep the lower group first, as Python's sorted does.
        var order = Enumerable.Range(0, adjustedLosses.Length).OrderByDescending(g => adjustedLosses[g]).ToArray();
        var weights = new double[adjustedLosses.Length];
        double cumulative = 0, used = 0;

        // Bounded by the group count: the reference writes one past the end when every group fits in α (§1g).
        foreach (var g in order)
        {
            if (cumulative + trainFractions[g] <= alpha + 1e-15)
            {
                weights[g] = trainFractions[g] / alpha;
                cumulative += trainFractions[g];
                used += weights[g];
            }
            else
            {
                weights[g] = 1.0 - used;
                break;
            }
        }

        for (var g = 0; g < weights.Length; g++)
        {
            weights[g] = minimumVariationalWeight * trainFractions[g] + (1 - minimumVariationalWeight) * weights[g];
        }

        return weights;
    }
}
