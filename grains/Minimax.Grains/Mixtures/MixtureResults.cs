using Minimax.Contracts.Grains;

namespace Minimax.Grains.Mixtures;

/// <summary>Turns stage runs' histories and results into the mixture report's weights, perplexities and curves.</summary>
public static class MixtureResults
{
    /// <summary>Trajectory resolution: every this many steps (more for long runs), plus the first and last step.</summary>
    public const int TrajectoryEvery = 10;

    /// <summary>At most about this many points per trajectory or curve, so a job's state stays a small row.</summary>
    public const int MaxPoints = 1000;

    /// <summary>The proxy's α_t at steps 1, 10, 20, ... (every 10·n steps past 10,000 steps) and at its last step.</summary>
    public static IReadOnlyList<WeightsAtStep> Trajectory(IReadOnlyList<ProgressRecord> history)
    {
        var last = history.Count == 0 ? 0 : history.Max(p => p.Step);
        var every = TrajectoryEvery * Math.Max(1, (last + TrajectoryEvery * MaxPoints - 1) / (TrajectoryEvery * MaxPoints));
        return history
            .Where(p => p.Step == 1 || p.Step % every == 0 || p.Step == last)
            .OrderBy(p => p.Step)
            .Select(p => new WeightsAtStep(p.Step, p.GroupWeights.ToArray()))
            .ToArray();
    }

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

    /// <summary>The average held-out perplexity at each evaluation of a run.</summary>
    public static IReadOnlyList<PerplexityAtStep> Curve(IReadOnlyList<ProgressRecord> history, int domains) =>
        history
            .Select(p => p.Val)
            .OfType<SplitMetricsRecord>()
            .GroupBy(val => val.Step)
            .Select(evaluation => new PerplexityAtStep(evaluation.Key, Perplexity(evaluation.First(), domains).Average))
            .OrderBy(point => point.Step)
            .ToArray();

    /// <summary>Every n-th point and the last, so that at most about <see cref="MaxPoints"/> remain.</summary>
    public static IReadOnlyList<PerplexityAtStep> Thin(IReadOnlyList<PerplexityAtStep> curve)
    {
        var every = Math.Max(1, (curve.Count + MaxPoints - 1) / MaxPoints);
        return curve.Where((_, i) => i % every == 0 || i == curve.Count - 1).ToArray();
    }

    /// <summary>The first evaluation step at which the main model's average perplexity is at most the baseline's final one.</summary>
    public static int? StepsToBaseline(IReadOnlyList<PerplexityAtStep> mainCurve, double baselineFinal) =>
        mainCurve.FirstOrDefault(point => point.Average <= baselineFinal)?.Step;
}
