using Minimax.Contracts.Api;

namespace Minimax.Client.Sweeps;

/// <summary>One metric of a sweep: its name on the wire and in --json, its table heading, and where a configuration and a trial keep it.</summary>
internal sealed record SweepMetric(
    string Name,
    string Heading,
    Func<SweepConfiguration, MeanSd?> Aggregate,
    Func<SweepTrialMetrics, double> OfTrial)
{
    public const string DefaultSelect = "val_worst_group_accuracy";

    /// <summary>Every metric, in the order of the configuration's JSON: the selection default, the paper's three test columns, then the rest.</summary>
    public static IReadOnlyList<SweepMetric> All { get; } =
    [
        new(DefaultSelect, "val worst", c => c.ValWorstGroupAccuracy, t => t.ValWorstGroupAccuracy),
        new("test_average_accuracy", "test avg", c => c.TestAverageAccuracy, t => t.TestAverageAccuracy),
        new("test_train_weighted_accuracy", "test train-wtd", c => c.TestTrainWeightedAccuracy, t => t.TestTrainWeightedAccuracy),
        new("test_worst_group_accuracy", "test worst", c => c.TestWorstGroupAccuracy, t => t.TestWorstGroupAccuracy),
        new("val_average_accuracy", "val avg", c => c.ValAverageAccuracy, t => t.ValAverageAccuracy),
        new("val_average_loss", "val loss", c => c.ValAverageLoss, t => t.ValAverageLoss),
    ];

    public static SweepMetric TestAverage => All[1];

    public static SweepMetric TestWorst => All[3];

    /// <summary>The table's metric columns: the select metric first, then the test columns of the paper's tables.</summary>
    public static IReadOnlyList<SweepMetric> Columns(string selectMetric)
    {
        var select = All.FirstOrDefault(m => m.Name == (selectMetric.Length > 0 ? selectMetric : DefaultSelect)) ?? All[0];
        return [select, .. All.Skip(1).Take(3).Where(m => m != select)];
    }
}
