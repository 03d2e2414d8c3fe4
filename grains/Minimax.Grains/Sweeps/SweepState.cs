using Minimax.Contracts.Grains;
using Minimax.Grains.Jobs;

namespace Minimax.Grains.Sweeps;

/// <summary>
/// A sweep's row: the shared lifecycle and the record of each trial it started (at most
/// <see cref="Contracts.Specs.SweepSpecReader.MaxTrials"/>, a few numbers each).
/// </summary>
[GenerateSerializer, Alias("minimax.SweepState")]
public sealed class SweepState : JobState
{
    [Id(0)] public List<SweepTrialRecord> Trials { get; set; } = [];
    /// <summary>Early stopping's record: at most one entry per trial and rung.</summary>
    [Id(1)] public List<SweepRungRecord> Rungs { get; set; } = [];

    /// <summary>Adds or replaces the trial's record; false when it is recorded already.</summary>
    public bool Record(SweepTrialRecord record) => ChildRecords.Record(Trials, record, trial => trial.RunId);
}

/// <summary>A trial's metric recorded at a rung of successive halving, the cutoff it was held to, and whether it stopped there.</summary>
[GenerateSerializer, Immutable, Alias("minimax.SweepRungRecord")]
public sealed record SweepRungRecord(
    [property: Id(0)] int Rung,
    [property: Id(1)] string RunId,
    [property: Id(2)] double Value,
    [property: Id(3)] double Cutoff,
    [property: Id(4)] bool Stopped);
