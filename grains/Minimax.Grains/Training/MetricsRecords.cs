using Minimax.Contracts.Grains;
using Minimax.Engine.Metrics;

namespace Minimax.Grains.Training;

public static class MetricsRecords
{
    public static SplitMetricsRecord From(SplitMetrics metrics, int step) => new(
        step,
        metrics.AverageAccuracy,
        metrics.MacroAccuracy,
        metrics.TrainWeightedAccuracy,
        metrics.WorstGroupAccuracy,
        metrics.WorstGroup,
        metrics.AverageLoss,
        metrics.Groups.Select(group => new GroupMetricsRecord(group.Group, group.Count, group.Accuracy, group.Loss)).ToArray());
}
