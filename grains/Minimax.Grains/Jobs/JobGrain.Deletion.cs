using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;

namespace Minimax.Grains.Jobs;

/// <summary>Deleting a finished job with everything it stored, and the rules that may refuse it.</summary>
public abstract partial class JobGrain<TSpec, TState>
{
    public Task<bool> UsesAsync(string jobId) => Task.FromResult(State.Submitted && !State.Status.IsTerminal() && Uses(jobId));

    public async Task<JobDeletion> DeleteJobAsync(string? parent)
    {
        if (!State.Submitted)
        {
            return JobDeletion.NotFound;
        }
        if (!State.Status.IsTerminal())
        {
            return JobDeletion.Refused($"job {JobId} is {State.Status.ToWire()}: cancel it first (minimax cancel {JobId})");
        }
        if (State.Parent is { } owner && owner != parent)
        {
            return JobDeletion.Refused($"job {JobId} belongs to job {owner}: delete that job");
        }
        if (State.Parent is null && await UserAsync() is { } user)
        {
            return JobDeletion.Refused($"job {JobId} is used by {user.Kind} job {user.JobId}, which has not finished: wait for it or cancel it first");
        }
        if (await DeleteChildrenAsync() is { Deleted: false, Refusal: { } refusal })
        {
            return JobDeletion.Refused(refusal);
        }
        // Data first, the row last: a delete that fails part-way leaves a job that can be deleted again.
        await Documents.DeleteJobAsync(JobId);
        await ResumeReminder.StopAsync(this);
        var tenant = State.Tenant;
        await ClearRowAsync();
        await GrainFactory.GetGrain<IJobRegistryGrain>(tenant).RemoveAsync(JobId);
        Changed();
        DeactivateOnIdle();
        return JobDeletion.Done;
    }

    /// <summary>An unfinished top-level job of the tenant whose spec reads this job's data, or null.</summary>
    private async Task<JobEntry?> UserAsync()
    {
        var active = await GrainFactory.GetGrain<IJobRegistryGrain>(State.Tenant).ActiveAsync();
        var uses = await Task.WhenAll(active.Where(job => job.JobId != JobId).Select(async job => (job, await JobGrains.Get(GrainFactory, job).UsesAsync(JobId))));
        return uses.FirstOrDefault(use => use.Item2).job;
    }

    /// <summary>Removes the job's row, under the same lock as every other write of it.</summary>
    private async Task ClearRowAsync()
    {
        await _writes.WaitAsync();
        try
        {
            await state.ClearStateAsync();
        }
        finally
        {
            _writes.Release();
        }
    }
}
