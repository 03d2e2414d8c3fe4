using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Grains;

/// <summary>A sweep's spec, lifecycle and the record of each trial, in the spec's configuration and trial order.</summary>
[GenerateSerializer, Immutable, Alias("minimax.SweepSnapshot")]
public sealed record SweepSnapshot(
    [property: Id(0)] string JobId,
    [property: Id(1)] SweepSpec? Spec,
    [property: Id(2)] string Tenant,
    [property: Id(3)] JobStatus Status,
    [property: Id(4)] string? Reason,
    [property: Id(5)] IReadOnlyList<SweepTrialRecord> Trials,
    [property: Id(6)] double WallSeconds) : JobDetail;

/// <summary>One trial run: where it is in the grid, how far it got, its metrics once it completed, and whether early stopping ended it.</summary>
[GenerateSerializer, Immutable, Alias("minimax.SweepTrialRecord")]
public sealed record SweepTrialRecord(
    [property: Id(0)] int Configuration,
    [property: Id(1)] int Trial,
    [property: Id(2)] string RunId,
    [property: Id(3)] JobStatus Status,
    [property: Id(4)] int Step,
    [property: Id(5)] int TotalSteps,
    [property: Id(6)] string? Reason = null,
    [property: Id(7)] SweepTrialMetrics? Metrics = null,
    [property: Id(8)] bool Stopped = false);

/// <summary>A completed trial's metrics at its selected step (NaN where the run has no such split).</summary>
[GenerateSerializer, Immutable, Alias("minimax.SweepTrialMetrics")]
public sealed record SweepTrialMetrics(
    [property: Id(0)] double ValWorstGroupAccuracy,
    [property: Id(1)] double ValAverageAccuracy,
    [property: Id(2)] double TestAverageAccuracy,
    [property: Id(3)] double TestTrainWeightedAccuracy,
    [property: Id(4)] double TestWorstGroupAccuracy,
    [property: Id(5)] double ValAverageLoss)
{
    public static SweepTrialMetrics Of(RunResult result) => new(
        result.Val?.WorstGroupAccuracy ?? double.NaN,
        result.Val?.AverageAccuracy ?? double.NaN,
        result.Test?.AverageAccuracy ?? double.NaN,
        result.Test?.TrainWeightedAccuracy ?? double.NaN,
        result.Test?.WorstGroupAccuracy ?? double.NaN,
        result.Val?.AverageLoss ?? double.NaN);
}
