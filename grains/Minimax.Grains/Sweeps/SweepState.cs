using Minimax.Contracts.Grains;
using Minimax.Grains.Jobs;

namespace Minimax.Grains.Sweeps;

/// <summary>
/// A sweep's row: only the shared lifecycle. Its trial and rung records grow with the grid (up to 256
/// trials, each with a reason and metrics), so they are the job's <see cref="SweepRecords"/> document.
/// </summary>
[GenerateSerializer, Alias("minimax.SweepState")]
public sealed class SweepState : JobState;

/// <summary>The sweep's document: the record of each trial it started and early stopping's rung records.</summary>
[GenerateSerializer, Alias("minimax.SweepRecords")]
public sealed class SweepRecords
{
    public const string Document = "trials";

    [Id(0)] public List<SweepTrialRecord> Trials { get; set; } = [];
    /// <summary>At most one entry per trial and rung.</summary>
    [Id(1)] public List<SweepRungRecord> Rungs { get; set; } = [];

    /// <summary>Adds or replaces the trial's record; false when it is recorded already.</summary>
    public bool Record(SweepTrialRecord record) => ChildRecords.Record(Trials, record, trial => trial.RunId);

    /// <summary>Adds the rung record; false when the trial is recorded at that rung already.</summary>
    public bool Record(SweepRungRecord record)
    {
        if (Rungs.Any(existing => existing.Rung == record.Rung && existing.RunId == record.RunId))
        {
            return false;
        }
        Rungs.Add(record);
        return true;
    }

    public SweepRecords Copy() => new() { Trials = [.. Trials], Rungs = [.. Rungs] };
}

/// <summary>A trial's metric recorded at a rung of successive halving, the cutoff it was held to, and whether it stopped there.</summary>
[GenerateSerializer, Immutable, Alias("minimax.SweepRungRecord")]
public sealed record SweepRungRecord(
    [property: Id(0)] int Rung,
    [property: Id(1)] string RunId,
    [property: Id(2)] double Value,
    [property: Id(3)] double Cutoff,
    [property: Id(4)] bool Stopped);
