using Minimax.Grains.Jobs;

namespace Minimax.Grains.Runs;

/// <summary>
/// A run's persisted row: the shared lifecycle plus pointers. Bounded whatever the run: the spec, result
/// and progress history are documents.
/// </summary>
[GenerateSerializer, Alias("minimax.RunState")]
public sealed class RunState : JobState
{
    /// <summary>The latest complete checkpoint; written only after the checkpoint itself is.</summary>
    [Id(0)] public string? Checkpoint { get; set; }
    [Id(1)] public int CheckpointStep { get; set; }
    [Id(2)] public int WorkerGeneration { get; set; }
    [Id(3)] public string? CoordinatorSilo { get; set; }
    /// <summary>At most training.workers entries (a bounded limit).</summary>
    [Id(4)] public string[] WorkerSilos { get; set; } = [];
    /// <summary>The last step whose progress record is in a history document.</summary>
    [Id(5)] public int HistoryThroughStep { get; set; }
    [Id(6)] public bool HasResult { get; set; }
    /// <summary>Known once the workers have read the data (<see cref="Training.GroupCoverage"/>); at most a few lines.</summary>
    [Id(7)] public string[] Warnings { get; set; } = [];
}
