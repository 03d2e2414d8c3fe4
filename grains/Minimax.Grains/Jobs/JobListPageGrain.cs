using Microsoft.Extensions.Logging;
using Minimax.Contracts.Grains.Jobs;
using Orleans.Serialization;
using Minimax.Grains.Cluster;
using Minimax.Grains.Placement;

namespace Minimax.Grains.Jobs;

[SiloRolePlacement(SiloRole.ControlName)]
public sealed class JobListPageGrain(
    [PersistentState("registry-page", "runs")] IPersistentState<JobListPageState> state,
    Serializer serializer,
    ILogger<JobListPageGrain> logger) : Grain, IJobListPageGrain
{
    public async Task<bool> AddAsync(JobEntry job, int capacity)
    {
        var held = false;
        await StateWrites.WriteAsync(state, page =>
        {
            held = page.Jobs.Any(listed => listed.Job.JobId == job.JobId);
            if (held || page.Filled >= capacity)
            {
                return false;
            }
            page.Jobs.Add(new ListedJob(page.Filled++, job));
            return held = true;
        }, $"Job list page {this.GetPrimaryKeyString()}: add {job.JobId}", logger, DeactivateOnIdle, serializer);
        return held;
    }

    public Task<IReadOnlyList<ListedJob>> ListAsync() => Task.FromResult<IReadOnlyList<ListedJob>>([.. state.State.Jobs]);

    public Task RemoveAsync(string jobId) =>
        StateWrites.WriteAsync(state, page => page.Jobs.RemoveAll(listed => listed.Job.JobId == jobId) > 0,
            $"Job list page {this.GetPrimaryKeyString()}: remove {jobId}", logger, DeactivateOnIdle, serializer);

    public Task EndedAsync(string jobId, DateTimeOffset at) =>
        StateWrites.WriteAsync(state, page =>
        {
            var index = page.Jobs.FindIndex(listed => listed.Job.JobId == jobId);
            if (index < 0 || page.Jobs[index].EndedAt is not null)
            {
                return false;
            }
            page.Jobs[index] = page.Jobs[index] with { EndedAt = at };
            return true;
        }, $"Job list page {this.GetPrimaryKeyString()}: {jobId} ended", logger, DeactivateOnIdle, serializer);
}
