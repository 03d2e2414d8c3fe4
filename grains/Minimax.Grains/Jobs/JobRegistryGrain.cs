using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Orleans.Serialization;
using Minimax.Grains.Cluster;
using Minimax.Grains.Placement;

namespace Minimax.Grains.Jobs;

/// <summary>
/// Remembers every job of a tenant (all kinds, in submission order) and admits top-level jobs under its limit.
/// The list is kept in pages of <see cref="JobRegistryOptions.ListPageSize"/> (<see cref="IJobListPageGrain"/>)
/// and each job's place in a row of its own (<see cref="IJobIndexGrain"/>), so no row grows with the jobs.
/// </summary>
[SiloRolePlacement(SiloRole.ControlName)]
public sealed class JobRegistryGrain(
    [PersistentState("registry", "runs")] IPersistentState<JobRegistryState> state,
    IOptions<JobRegistryOptions> options,
    Serializer serializer,
    ILogger<JobRegistryGrain> logger) : Grain, IJobRegistryGrain
{
    /// <summary>How long an admitted job may take to appear before the registry takes its submit as failed.</summary>
    public static readonly TimeSpan SubmitGrace = TimeSpan.FromMinutes(1);

    private string Tenant => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Retention is not null)
        {
            // Every activation, so a retention configured later also reaches tenants that have jobs already.
            _ = GrainFactory.GetGrain<IJobRetentionGrain>(Tenant).StartAsync();
        }
        if (state.State.Jobs.Count > 0)
        {
            foreach (var job in state.State.Jobs.ToArray())
            {
                await ListJobAsync(job);
            }
            await WriteAsync($"moved {state.State.Jobs.Count} jobs into list pages", registry =>
            {
                registry.Jobs.Clear();
                return true;
            });
        }
    }

    public async Task<int?> AdmitAsync(JobEntry job, int limit)
    {
        if (state.State.Active.ContainsKey(job.JobId) || await FindAsync(job.JobId) is not null)
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
        await WriteAsync($"admit {job.JobId}", registry =>
        {
            if (registry.Active.ContainsKey(job.JobId))
            {
                return false;
            }
            registry.Active[job.JobId] = DateTimeOffset.UtcNow;
            return true;
        });
        // Listed at once, so the id is found even before the job's own state is written.
        await ListJobAsync(job);
        return null;
    }

    public async Task FinishedAsync(string jobId)
    {
        if (state.State.Active.ContainsKey(jobId))
        {
            await WriteAsync($"{jobId} finished", registry => registry.Active.Remove(jobId));
        }
        // What Jobs:Retention counts from; a deleted job (its index cleared first) is not listed again.
        if (await Index(jobId).GetAsync() is { } location)
        {
            await Page(location.Page).EndedAsync(jobId, DateTimeOffset.UtcNow);
        }
    }

    public Task AddAsync(JobEntry job) => ListJobAsync(job);

    public async Task<JobListPage> ListAsync(int page) =>
        page < 0 || page > state.State.LastPage
            ? new JobListPage([], true)
            : new JobListPage(await Page(page).ListAsync(), page == state.State.LastPage);

    public async Task<JobEntry?> FindAsync(string jobId) => (await Index(jobId).GetAsync())?.Job;

    public async Task<IReadOnlyList<JobEntry>> ActiveAsync()
    {
        var entries = await Task.WhenAll(state.State.Active.Keys.Select(FindAsync));
        return entries.OfType<JobEntry>().ToArray();
    }

    public async Task RemoveAsync(string jobId)
    {
        var index = Index(jobId);
        if (await index.GetAsync() is { } location)
        {
            await Page(location.Page).RemoveAsync(jobId);
            await index.ClearAsync();
        }
        await FinishedAsync(jobId);
    }

    /// <summary>
    /// The job's index row first (pointing at the page it goes to), then the page: a crash in between leaves
    /// an index whose page is checked again on the next add, never a listed job that cannot be found.
    /// </summary>
    private async Task ListJobAsync(JobEntry job)
    {
        var index = Index(job.JobId);
        var page = (await index.GetAsync())?.Page ?? state.State.LastPage;
        await index.SetAsync(new JobLocation(job, page));
        while (!await Page(page).AddAsync(job, options.Value.ListPageSize))
        {
            page = Math.Max(page + 1, state.State.LastPage);
            var next = page;
            await WriteAsync($"list page {next}", registry =>
            {
                if (registry.LastPage >= next)
                {
                    return false;
                }
                registry.LastPage = next;
                return true;
            });
            await index.SetAsync(new JobLocation(job, page));
        }
    }

    private IJobListPageGrain Page(int page) => GrainFactory.GetGrain<IJobListPageGrain>($"{Tenant}/{page}");

    private IJobIndexGrain Index(string jobId) => GrainFactory.GetGrain<IJobIndexGrain>($"{Tenant}/{jobId}");

    private Task WriteAsync(string what, Func<JobRegistryState, bool> change) =>
        StateWrites.WriteAsync(state, change, $"Registry {Tenant}: {what}", logger, DeactivateOnIdle, serializer);

    // A Finished message can be lost (it is one-way) and an admitted submit can fail before its job
    // exists: at the limit, ask the jobs themselves, so only the jobs still active are counted. A job
    // admitted moments ago may not exist yet (its submit is in flight), so only older ones count as failed.
    private async Task ForgetEndedJobsAsync()
    {
        var active = state.State.Active.ToArray();
        var infos = await Task.WhenAll(active.Select(async job => await JobGrains.Find(GrainFactory, await FindAsync(job.Key))));
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
