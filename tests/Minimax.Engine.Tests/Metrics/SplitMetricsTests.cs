using Minimax.Engine.Metrics;

namespace Minimax.Engine.Tests.Metrics;

public sealed class SplitMetricsTests
{
    private static readonly long[] WaterbirdsCounts = [3498, 184, 56, 1057];

    [Fact]
    public void Eval1_worst_micro_macro_and_train_weighted()
    {
        // Accuracies 0.9, 0.6, 0.25, 0.8 with n = 10, 5, 4, 10.
        var tally = new GroupTally([10, 5, 4, 10], [9, 3, 1, 8], [1.0, 2.0, 3.0, 4.0]);
        var metrics = SplitMetrics.From(tally, WaterbirdsCounts);

        Assert.Equal(0.25, metrics.WorstGroupAccuracy, 1e-12);
        Assert.Equal(2, metrics.WorstGroup);
        Assert.Equal(0.724138, metrics.AverageAccuracy, 1e-6);
        Assert.Equal(0.6375, metrics.MacroAccuracy, 1e-12);
        Assert.Equal(0.858853, metrics.TrainWeightedAccuracy, 1e-6);
        Assert.Equal(10.0 / 29, metrics.AverageLoss, 1e-12);
        Assert.Equal(0.1, metrics.Groups[0].Loss, 1e-12);
    }

    [Fact]
    public void Empty_groups_are_left_out_and_ties_pick_the_lowest_group()
    {
        var tally = new GroupTally([0, 4, 2, 0], [0, 2, 1, 0], [0, 1, 1, 0]);
        var metrics = SplitMetrics.From(tally, WaterbirdsCounts);
        Assert.Equal(1, metrics.WorstGroup);
        Assert.Equal(0.5, metrics.MacroAccuracy, 1e-12);
        Assert.Equal(0.5, metrics.TrainWeightedAccuracy, 1e-12);
        Assert.Equal(0, metrics.Groups[0].Count);
    }

    [Fact]
    public void Tallies_merge_by_adding_sums()
    {
        var a = new GroupTally([10, 5, 4, 10], [9, 3, 1, 8], [1, 2, 3, 4]);
        a.Add(new GroupTally([1, 0, 0, 0], [0, 0, 0, 0], [0.5, 0, 0, 0]));
        Assert.Equal([11L, 5, 4, 10], a.Counts);
        Assert.Equal([9L, 3, 1, 8], a.Correct);
        Assert.Equal(1.5, a.LossSums[0]);
    }
}
