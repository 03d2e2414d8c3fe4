using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Grains;

/// <summary>One training run (job kind train): its spec, lifecycle, progress history and report. Key: run id.</summary>
[Alias("minimax.IRunGrain")]
public interface IRunGrain : IJobGrain
{
    /// <summary>
    /// Starts the run owned by <paramref name="tenant"/>; a second submit returns the existing run unchanged.
    /// A run another job started names it as <paramref name="parent"/> (it runs under the parent's admission).
    /// </summary>
    [Alias("Submit")] Task<RunSnapshot> SubmitAsync(RunSpec spec, string tenant, string? parent = null);

    [Alias("GetSnapshot")] Task<RunSnapshot> GetSnapshotAsync();

    /// <summary>Up to <paramref name="max"/> progress records after step <paramref name="afterStep"/>, oldest first (read from its history documents).</summary>
    [Alias("GetHistory")] Task<IReadOnlyList<ProgressRecord>> GetHistoryAsync(int afterStep, int max);

    [Alias("Cancel")] Task<RunSnapshot> CancelAsync();

    /// <summary>Continues an unfinished run from its latest checkpoint, as its resume reminder does; nothing for a finished one.</summary>
    [Alias("Resume")] Task ResumeAsync();

    // Called by the run's coordinator.
    [Alias("MarkRunning")] Task MarkRunningAsync(IReadOnlyList<long> trainGroupCounts);
    [Alias("ReportProgress")] Task ReportProgressAsync(ProgressRecord progress);
    [Alias("Complete")] Task CompleteAsync(RunResult result);
    [Alias("Fail")] Task FailAsync(string reason);
    [Alias("MarkCancelled")] Task MarkCancelledAsync(string reason);

    /// <summary>Points the run at a complete checkpoint; returns the one it replaces (to delete), if any.</summary>
    [Alias("RecordCheckpoint")] Task<string?> RecordCheckpointAsync(string checkpoint, int step);

    /// <summary>The latest recorded checkpoint, null before the first.</summary>
    [Alias("GetCheckpoint")] Task<string?> GetCheckpointAsync();

    /// <summary>A new worker generation (1, 2, ...): workers of a new generation are fresh grains.</summary>
    [Alias("NextGeneration")] Task<int> NextGenerationAsync();

    /// <summary>Where the run trains now: the coordinator's silo and each shard's worker silo.</summary>
    [Alias("RecordPlacement")] Task RecordPlacementAsync(string coordinatorSilo, IReadOnlyList<string> workerSilos);
}
