using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Runs;

/// <summary>A run's persisted state: small (no tensors), so it fits a storage row.</summary>
[GenerateSerializer, Alias("minimax.RunState")]
public sealed class RunState
{
    [Id(0)] public RunSpec? Spec { get; set; }
    [Id(1)] public RunStatus Status { get; set; }
    [Id(2)] public string? Reason { get; set; }
    [Id(3)] public DateTimeOffset? SubmittedAt { get; set; }
    [Id(4)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(5)] public ProgressRecord? LastProgress { get; set; }
    [Id(6)] public RunResult? Result { get; set; }
    [Id(7)] public long[] TrainGroupCounts { get; set; } = [];
    /// <summary>The tenant that submitted the run; only it may see or cancel the run.</summary>
    [Id(8)] public string Tenant { get; set; } = "";
    /// <summary>The latest complete checkpoint; written only after the checkpoint itself is.</summary>
    [Id(9)] public string? Checkpoint { get; set; }
    [Id(10)] public int CheckpointStep { get; set; }
    [Id(11)] public int WorkerGeneration { get; set; }
    [Id(12)] public string? CoordinatorSilo { get; set; }
    [Id(13)] public string[] WorkerSilos { get; set; } = [];
}
