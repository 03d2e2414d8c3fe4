namespace Minimax.Contracts.Grains;

[GenerateSerializer, Immutable, Alias("minimax.GroupMetricsRecord")]
public sealed record GroupMetricsRecord(
    [property: Id(0)] int Group,
    [property: Id(1)] long Count,
    [property: Id(2)] double Accuracy,
    [property: Id(3)] double Loss);

/// <summary>Per-group evaluation of one split (ALGORITHMS.md section 8).</summary>
[GenerateSerializer, Immutable, Alias("minimax.SplitMetricsRecord")]
public sealed record SplitMetricsRecord(
    [property: Id(0)] int Step,
    [property: Id(1)] double AverageAccuracy,
    [property: Id(2)] double MacroAccuracy,
    [property: Id(3)] double TrainWeightedAccuracy,
    [property: Id(4)] double WorstGroupAccuracy,
    [property: Id(5)] int WorstGroup,
    [property: Id(6)] double AverageLoss,
    [property: Id(7)] IReadOnlyList<GroupMetricsRecord> Groups);
