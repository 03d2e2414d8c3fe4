using Microsoft.Extensions.Logging;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;

namespace Minimax.Grains.Jobs;

/// <summary>Remembers every job of a tenant (all kinds, in submission order) and admits top-level jobs under its limit.</summary>
public sealed class JobRegistryGrain(
    [PersistentState("registry", "runs")] IPersistentState<JobRegistryState> state,
    ILogger<JobRegistryGrain> logger) : Grain, IJobRegistryGrain
{
    /// <summary>How long an admitted job may take to appear before the registry takes its submit as failed.</summary>
    public static readonly TimeSpan SubmitGrace = TimeSpan.FromMinutes(1);

    private Dictionary<string, JobEntry>? _byId;

    private Dictionary<string, JobEntry> ById => _byId ??= state.State.Jobs.ToDictionary(job => job.JobId);

    public async Task<int?> AdmitAsync(JobEntry job, int limit)
    {
        if (ById.ContainsKey(job.JobId) || state.State.Active.ContainsKey(job.JobId))
        {
            return null;
        }
        if (state.State.Active.Count >= limit)
        {
            await ForgetEndedJobsAsync();
        }
        if (state.State.Active.Count >= limit)
        {
            return state.State.Active.Count;
        }
        // Listed at once, so the id is found even before the job's own state is written.
        await WriteAsync($"admit {job.JobId}", registry =>
        {
            if (registry.Active.ContainsKey(job.JobId))
            {
                return false;
            }
            registry.Active[job.JobId] = DateTimeOffset.UtcNow;
            if (registry.Jobs.All(listed => listed.JobId != job.JobId))
            {
                registry.Jobs.Add(job);
            }
            return true;
        });
        return null;
    }

    public async Task FinishedAsync(string jobId)
    {
        if (state.State.Active.ContainsKey(jobId))
        {
            await WriteAsync($"{jobId} finished", registry => registry.Active.Remove(jobId));
        }
    }

    public async Task AddAsync(JobEntry job)
    {
        if (ById.ContainsKey(job.JobId))
        {
            return;
        }
        // On a conflict the re-read list may hold the id already (or other ids another writer added).
        await WriteAsync($"add {job.JobId}", registry =>
        {
            if (registry.Jobs.Any(listed => listed.JobId == job.JobId))
            {
                return false;
            }
            registry.Jobs.Add(job);
            return true;
        });
    }

    public Task<IReadOnlyList<JobEntry>> ListAsync() => Task.FromResult<IReadOnlyList<JobEntry>>(state.State.Jobs.ToArray());

    public Task<JobEntry?> FindAsync(string jobId) => Task.FromResult(ById.GetValueOrDefault(jobId));

    private async Task WriteAsync(string what, Func<JobRegistryState, bool> change)
    {
        try
        {
            await StateWrites.WriteAsync(state, change, $"Registry {this.GetPrimaryKeyString()}: {what}", logger, DeactivateOnIdle);
        }
        finally
        {
            // A write re-reads the row on conflicts: the index follows whatever is stored now.
            _byId = null;
        }
    }

    // A Finished message can be lost (it is one-way) and an admitted submit can fail before its job
    // exists: at the limit, ask the jobs themselves, so only the jobs still active are counted. A job
    // admitted moments ago may not exist yet (its submit is in flight), so only older ones count as failed.
    private async Task ForgetEndedJobsAsync()
    {
        var active = state.State.Active.ToArray();
        var infos = await Task.WhenAll(active.Select(job => JobGrains.Find(GrainFactory, ById.GetValueOrDefault(job.Key))));
        var submitGrace = DateTimeOffset.UtcNow - SubmitGrace;
        var ended = active.Zip(infos)
            .Where(pair => pair.Second?.Status.IsTerminal() == true || (pair.Second?.Exists != true && pair.First.Value < submitGrace))
            .Select(pair => pair.First.Key)
            .ToArray();
        if (ended.Length > 0)
        {
            await WriteAsync($"forget {ended.Length} ended jobs", registry => ended.Count(registry.Active.Remove) > 0);
        }
    }
}
