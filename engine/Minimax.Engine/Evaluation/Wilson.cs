namespace Minimax.Engine.Evaluation;

/// <summary>Wilson score intervals for a binomial proportion (ALGORITHMS.md §6c.3, test vector EVAL-3).</summary>
public static class Wilson
{
    /// <summary>The standard normal quantile at 0.975, for two-sided 95% intervals.</summary>
    public const double Z95 = 1.959963984540054;

    public static Interval Interval95(long successes, long trials) => Interval(successes, trials, Z95);

    /// <summary>
    /// The interval (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n); (0, 1) when there are no trials.
    /// </summary>
    public static Interval Interval(long successes, long trials, double z)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (!double.IsFinite(z) || z <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "z must be a positive finite number.");
        }

        if (trials == 0)
        {
            return new Interval(0, 1);
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;

        // At p = 0 or 1 the near bound is exactly 0 or 1; the formula only gets within a few ulps of it.
        var low = successes == 0 ? 0 : Math.Max(0, centre - half);
        var high = successes == trials ? 1 : Math.Min(1, centre + half);
        return new Interval(low, high);
    }
}
