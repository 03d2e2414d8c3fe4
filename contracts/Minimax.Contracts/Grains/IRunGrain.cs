using Orleans.Concurrency;
using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Grains;

/// <summary>One training run: its spec, lifecycle, progress history and report. Key: run id.</summary>
[Alias("minimax.IRunGrain")]
public interface IRunGrain : IGrainWithStringKey
{
    [Alias("Submit")] Task<RunSnapshot> SubmitAsync(RunSpec spec);

    [Alias("GetSnapshot")] Task<RunSnapshot> GetSnapshotAsync();

    /// <summary>Progress after <paramref name="afterSequence"/>; waits up to <paramref name="maxWait"/> for some.</summary>
    [Alias("Watch"), AlwaysInterleave] Task<RunUpdates> WatchAsync(int afterSequence, TimeSpan maxWait);

    [Alias("Cancel")] Task<RunSnapshot> CancelAsync();

    // Called by the run's coordinator.
    [Alias("MarkRunning")] Task MarkRunningAsync(IReadOnlyList<long> trainGroupCounts);
    [Alias("ReportProgress")] Task ReportProgressAsync(ProgressRecord progress);
    [Alias("Complete")] Task CompleteAsync(RunResult result);
    [Alias("Fail")] Task FailAsync(string reason);
    [Alias("MarkCancelled")] Task MarkCancelledAsync(string reason);
}
