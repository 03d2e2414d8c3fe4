using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Sweeps;

/// <summary>
/// Asynchronous successive halving (ASHA; Li et al. 2018), with the rules of Ray Tune's
/// AsyncHyperBandScheduler: rungs at grace_steps * reduction^k below a trial's last step. At its first
/// evaluation at or past a rung (the highest it has passed), a trial is recorded there and stops when its
/// metric is worse than the (1 - 1/reduction) quantile (linear interpolation) of the metrics recorded at
/// that rung before it; the first trial at a rung always goes on. Decisions depend on the order trials
/// arrive, so with parallel trials a sweep's stops can differ between runs.
/// </summary>
public static class SuccessiveHalving
{
    public readonly record struct Decision(int Rung, bool Stop, double Cutoff);

    /// <summary>The rungs below <paramref name="totalSteps"/>, highest first.</summary>
    public static IReadOnlyList<int> Rungs(SweepEarlyStop stop, int totalSteps)
    {
        var rungs = new List<int>();
        for (long rung = stop.GraceSteps; rung < totalSteps; rung *= stop.Reduction)
        {
            rungs.Add((int)rung);
        }
        rungs.Reverse();
        return rungs;
    }

    /// <summary>The decision for a trial's evaluation at <paramref name="step"/>; null when it passes no rung it is not recorded at, or has no finite metric.</summary>
    public static Decision? Decide(SweepEarlyStop stop, SweepMetric metric, int totalSteps, int step, double value, string runId, IReadOnlyList<SweepRungRecord> recorded)
    {
        var rung = Rungs(stop, totalSteps).FirstOrDefault(candidate => step >= candidate);
        if (!double.IsFinite(value) || rung == 0 || recorded.Any(record => record.Rung == rung && record.RunId == runId))
        {
            return null;
        }
        var others = recorded.Where(record => record.Rung == rung).Select(record => record.Value).ToArray();
        if (others.Length == 0)
        {
            return new Decision(rung, false, double.NaN);
        }
        var lowerIsBetter = SweepMetrics.LowerIsBetter(metric);
        var cutoff = Quantile(others, lowerIsBetter ? 1.0 / stop.Reduction : 1 - 1.0 / stop.Reduction);
        return new Decision(rung, lowerIsBetter ? value > cutoff : value < cutoff, cutoff);
    }

    /// <summary>The <paramref name="q"/> quantile with linear interpolation between order statistics (numpy's default).</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}

/// <summary>The selection metric of a sweep read from a run's metrics, and which way is better.</summary>
public static class SweepMetrics
{
    public static bool LowerIsBetter(SweepMetric metric) => metric == SweepMetric.ValAverageLoss;

    public static double Of(SplitMetricsRecord val, SweepMetric metric) => metric switch
    {
        SweepMetric.ValWorstGroupAccuracy => val.WorstGroupAccuracy,
        SweepMetric.ValAverageAccuracy => val.AverageAccuracy,
        SweepMetric.ValAverageLoss => val.AverageLoss,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}
