using Minimax.Contracts.Grains;

namespace Minimax.Grains.Mixtures;

/// <summary>The mixture report's perplexities and the resolution of its trajectory and curves (<see cref="WeightTrajectory"/>, <see cref="PerplexityCurve"/>).</summary>
public static class MixtureResults
{
    /// <summary>Trajectory resolution: every this many steps (more for long runs), plus the first and last step.</summary>
    public const int TrajectoryEvery = 10;

    /// <summary>At most about this many points per trajectory or curve, so a job's state stays a small row.</summary>
    public const int MaxPoints = 1000;

    /// <summary>Per-domain perplexity exp(mean token loss), their uniform average and the worst domain.</summary>
    public static PerplexityRecord Perplexity(SplitMetricsRecord metrics, int domains)
    {
        var perDomain = new double[domains];
        foreach (var group in metrics.Groups)
        {
            perDomain[group.Group] = Math.Exp(group.Loss);
        }
        var worst = 0;
        for (var d = 1; d < domains; d++)
        {
            if (perDomain[d] > perDomain[worst])
            {
                worst = d;
            }
        }
        return new PerplexityRecord(perDomain, perDomain.Average(), perDomain[worst], worst);
    }
}
