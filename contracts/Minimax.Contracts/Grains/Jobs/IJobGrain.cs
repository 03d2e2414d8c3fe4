namespace Minimax.Contracts.Grains.Jobs;

/// <summary>
/// What every kind of job answers (ARCHITECTURE.md, "Jobs"). A kind's own interface adds its submit and
/// the calls its workers make. Key: the job id.
/// </summary>
[Alias("minimax.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>
    /// Interleaves with the job's other calls: it only reads the row, and the registry asks it while the job
    /// may be inside a delete that waits on the registry.
    /// </summary>
    [Alias("GetInfo"), Orleans.Concurrency.AlwaysInterleave] Task<JobInfo> GetInfoAsync();

    [Alias("GetView")] Task<JobView> GetViewAsync();

    /// <summary>
    /// Pushes the job's progress after <paramref name="afterSequence"/> as it happens, then its final
    /// view, and ends. A job that has ended answers its final view at once.
    /// </summary>
    [Alias("WatchJob")] IAsyncEnumerable<JobEvent> WatchJobAsync(int afterSequence, CancellationToken cancellationToken = default);

    /// <summary>Ends the job (and the jobs it started) with status cancelled; a finished job is left as it is.</summary>
    [Alias("CancelJob")] Task<JobInfo> CancelJobAsync();

    /// <summary>
    /// Deletes a finished job and everything it stored (state, documents, checkpoints, final model, listing,
    /// the jobs it started). Refused while it runs, for a job another job started unless <paramref name="parent"/>
    /// is that job, and while an unfinished job of the tenant uses it.
    /// </summary>
    [Alias("DeleteJob")] Task<JobDeletion> DeleteJobAsync(string? parent = null);

    /// <summary>Whether this job has not finished and its spec reads what job <paramref name="jobId"/> stored.</summary>
    [Alias("Uses")] Task<bool> UsesAsync(string jobId);
}
