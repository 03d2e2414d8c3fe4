using Minimax.Contracts.Grains.Jobs;

namespace Minimax.Grains.Jobs;

/// <summary>A fixed-size page of one tenant's job list (<see cref="JobRegistryGrain"/>). Key: "{tenant}/{page}".</summary>
[Alias("minimax.IJobListPageGrain")]
public interface IJobListPageGrain : IGrainWithStringKey
{
    /// <summary>True when the page holds the job (now or already); false when it is full without it.</summary>
    [Alias("Add")] Task<bool> AddAsync(JobEntry job, int capacity);

    [Alias("List")] Task<IReadOnlyList<ListedJob>> ListAsync();

    [Alias("Remove")] Task RemoveAsync(string jobId);

    /// <summary>Records when the job ended, once; a job not on the page is left alone.</summary>
    [Alias("Ended")] Task EndedAsync(string jobId, DateTimeOffset at);
}
