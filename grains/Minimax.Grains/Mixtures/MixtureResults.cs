using Minimax.Contracts.Grains;

namespace Minimax.Grains.Mixtures;

/// <summary>The mixture report's perplexities and the resolution of its trajectory and curves (<see cref="WeightTrajectory"/>, <see cref="PerplexityCurve"/>).</summary>
public static class MixtureResults
{
    /// <summary>Trajectory resolution: every this many steps (more for long runs), plus the first and last step.</summary>
    public const int TrajectoryEvery = 10;

    /// <summary>At most about this many points per trajectory or curve, so a job's state stays a small row.</summary>
    public const int MaxPoints = 1000;

    /// <summary>
    /// Per-domain perplexity exp(mean token loss), the worst domain, and two averages over domains: the geometric
    /// mean exp(mean_d loss_d) as <see cref="PerplexityRecord.Average"/> (the reference DoReMi reports the mean
    /// log-perplexity, which one high-entropy domain does not dominate) and the arithmetic mean.
    /// </summary>
    public static PerplexityRecord Perplexity(SplitMetricsRecord metrics, int domains)
    {
        var perDomain = new double[domains];
        var logSum = 0.0;
        foreach (var group in metrics.Groups)
        {
            perDomain[group.Group] = Math.Exp(group.Loss);
            logSum += group.Loss;
        }
        var worst = 0;
        for (var d = 1; d < domains; d++)
        {
            if (perDomain[d] > perDomain[worst])
            {
                worst = d;
            }
        }
        // From the losses, not the log of perplexities: finite also where exp(loss) overflows.
        var geometric = Math.Exp(logSum / domains);
        return new PerplexityRecord(perDomain, geometric, perDomain[worst], worst, perDomain.Average());
    }
}
