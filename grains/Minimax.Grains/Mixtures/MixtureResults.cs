using Minimax.Contracts.Grains;

namespace Minimax.Grains.Mixtures;

/// <summary>Turns stage runs' histories and results into the mixture report's weights, perplexities and curves.</summary>
public static class MixtureResults
{
    /// <summary>Trajectory resolution: every this many steps, plus the last step.</summary>
    public const int TrajectoryEvery = 10;

    /// <summary>The proxy's α_t at steps 1, 10, 20, ... and at its last step.</summary>
    public static IReadOnlyList<WeightsAtStep> Trajectory(IReadOnlyList<ProgressRecord> history)
    {
        var last = history.Count == 0 ? 0 : history.Max(p => p.Step);
        return history
            .Where(p => p.Step == 1 || p.Step % TrajectoryEvery == 0 || p.Step == last)
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

    /// <summary>The first evaluation step at which the main model's average perplexity is at most the baseline's final one.</summary>
    public static int? StepsToBaseline(IReadOnlyList<PerplexityAtStep> mainCurve, double baselineFinal) =>
        mainCurve.FirstOrDefault(point => point.Average <= baselineFinal)?.Step;
}
