namespace Minimax.Engine.Metrics;

/// <summary>
/// Per-group evaluation of one split (ALGORITHMS.md §8). <see cref="WorstGroup"/> is −1 when the split is empty.
/// </summary>
public sealed record SplitMetrics(
    IReadOnlyList<GroupMetric> Groups,
    double AverageAccuracy,
    double MacroAccuracy,
    double TrainWeightedAccuracy,
    double WorstGroupAccuracy,
    int WorstGroup,
    double AverageLoss)
{
    public static SplitMetrics From(GroupTally tally, long[] trainGroupCounts)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(trainGroupCounts);
        if (trainGroupCounts.Length != tally.GroupCount)
        {
            throw new ArgumentException($"Expected {tally.GroupCount} training counts, not {trainGroupCounts.Length}.", nameof(trainGroupCounts));
        }

        var groups = new GroupMetric[tally.GroupCount];
        long total = 0, correct = 0;
        double lossSum = 0, macroSum = 0, weightedSum = 0, weightTotal = 0;
        var present = 0;
        var worst = -1;
        var worstAccuracy = 0.0;
        for (var g = 0; g < tally.GroupCount; g++)
        {
            var n = tally.Counts[g];
            var accuracy = n > 0 ? (double)tally.Correct[g] / n : 0.0;
            groups[g] = new GroupMetric(g, n, accuracy, n > 0 ? tally.LossSums[g] / n : 0.0);
            total += n;
            correct += tally.Correct[g];
            lossSum += tally.LossSums[g];
            if (n == 0)
            {
                continue;
            }

            present++;
            macroSum += accuracy;
            weightedSum += trainGroupCounts[g] * accuracy;
            weightTotal += trainGroupCounts[g];

            // Strictly lower, so ties keep the lowest group index.
            if (worst < 0 || accuracy < worstAccuracy)
            {
                worst = g;
                worstAccuracy = accuracy;
            }
        }

        return new SplitMetrics(
            groups,
            total > 0 ? (double)correct / total : 0.0,
            present > 0 ? macroSum / present : 0.0,
            weightTotal > 0 ? weightedSum / weightTotal : 0.0,
            worstAccuracy,
            worst,
            total > 0 ? lossSum / total : 0.0);
    }
}
