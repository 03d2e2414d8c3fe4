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

    /// <summary>Adds or replaces the trial's record; false when it is recorded already.</summary>
    public bool Record(SweepTrialRecord record) => ChildRecords.Record(Trials, record, trial => trial.RunId);
}
