using Minimax.Engine.Objectives;

namespace Minimax.Engine.Tests.Objectives;

public sealed class BatchStatisticsTests
{
    private const string Other = "other";

    [Fact]
    public void Merge_adds_every_named_sum_group_by_group()
    {
        var a = new BatchStatistics([1.0, 2.0], [3, 0], Extra([0.5, 0.25], [7.0, 8.0]));
        var b = new BatchStatistics([0.5, 4.0], [1, 2], Extra([0.0, 1.0], [1.0, 2.0]));

        var merged = BatchStatistics.Merge([a, b], 2, [StatisticNames.ClippedExcess, Other]);

        Assert.Equal([1.5, 6.0], merged.LossSums);
        Assert.Equal([4L, 2L], merged.Counts);
        Assert.Equal([0.5, 1.25], merged.Extra(StatisticNames.ClippedExcess));
        Assert.Equal([8.0, 10.0], merged.Extra(Other));
    }

    [Fact]
    public void Merge_keeps_only_the_named_sums()
    {
        var part = new BatchStatistics([1.0], [1], Extra([0.5], [7.0]));

        var merged = BatchStatistics.Merge([part], 1, []);

        Assert.Null(merged.ExtraSums);
        Assert.Equal([1.0], merged.LossSums);
    }

    [Fact]
    public void A_missing_sum_is_an_error_naming_it()
    {
        var part = new BatchStatistics([1.0, 2.0], [1, 1]);

        var error = Assert.Throws<InvalidOperationException>(() => BatchStatistics.Merge([part], 2, [StatisticNames.ClippedExcess]));

        Assert.Contains($"'{StatisticNames.ClippedExcess}'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BatchStatistics.Merge([part], 3, []));
    }

    private static Dictionary<string, double[]> Extra(double[] excess, double[] other) =>
        new() { [StatisticNames.ClippedExcess] = excess, [Other] = other };
}
