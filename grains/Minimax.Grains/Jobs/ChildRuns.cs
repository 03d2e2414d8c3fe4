using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Jobs;

/// <summary>
/// The runs a job starts (a mixture's stages, a sweep's trials): submitted with the job as their parent,
/// followed through their pushed events to the end (again on another silo when theirs goes away),
/// cancelled and deleted with it. Child run ids are deterministic, so a job resumed by its reminder
/// finds the runs it started and follows them on.
/// </summary>
public sealed class ChildRuns(IGrainFactory grains, string parentId, ILogger logger, Func<bool> stopped)
{
    private const int MaxWatchFailures = 8;

    /// <summary>Submits (or finds) the run and follows it to its final snapshot; <paramref name="onProgress"/> sees every event.</summary>
    public async Task<RunSnapshot> RunAsync(string runId, RunSpec spec, string tenant, Func<JobEvent, Task> onProgress)
    {
        var run = grains.GetGrain<IRunGrain>(runId);
        var snapshot = await run.SubmitAsync(spec, tenant, parentId);
        for (var failures = 0; !snapshot.Status.IsTerminal(); )
        {
            try
            {
                snapshot = await FollowAsync(run, snapshot.LastProgress?.Step ?? 0, onProgress);
            }
            catch (Exception exception) when (!stopped() && failures < MaxWatchFailures && exception is not OperationCanceledException)
            {
                // The run's silo went away: it resumes elsewhere by its reminder; follow it again there.
                failures++;
                logger.LogWarning(exception, "Job {JobId}: lost the events of run {RunId}; following it again", parentId, runId);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 1 << failures)));
                snapshot = await run.GetSnapshotAsync();
            }
        }
        return snapshot;
    }

    /// <summary>Cancels each run; one that cannot be reached now is logged (its own cancel check finds the parent's request later).</summary>
    public async Task CancelAsync(IEnumerable<string> runIds)
    {
        foreach (var runId in runIds)
        {
            try
            {
                await grains.GetGrain<IRunGrain>(runId).CancelJobAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Job {JobId}: run {RunId} not cancelled", parentId, runId);
            }
        }
    }

    /// <summary>Deletes each run as the parent; the first refusal stops the delete.</summary>
    public async Task<JobDeletion> DeleteAsync(IEnumerable<string> runIds, string what)
    {
        foreach (var runId in runIds)
        {
            var deletion = await grains.GetGrain<IRunGrain>(runId).DeleteJobAsync(parentId);
            if (deletion.Refusal is { } refusal)
            {
                return JobDeletion.Refused($"{what} {runId}: {refusal}");
            }
        }
        return JobDeletion.Done;
    }

    private async Task<RunSnapshot> FollowAsync(IRunGrain run, int afterStep, Func<JobEvent, Task> onProgress)
    {
        // Every batch of the child's events is a grain call: outside the trace, or a long run adds thousands of spans.
        Activity.Current = null;
        await foreach (var update in run.WatchJobAsync(afterStep))
        {
            if (stopped())
            {
                throw new OperationCanceledException("the parent job's activation ended");
            }
            if (update.Final?.Detail is RunSnapshot final)
            {
                return final;
            }
            await onProgress(update);
        }
        return await run.GetSnapshotAsync();
    }
}
