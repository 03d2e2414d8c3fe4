namespace Minimax.Grains.Jobs;

/// <summary>Where one listed job is: its entry and its list page (<see cref="JobRegistryGrain"/>). Key: "{tenant}/{jobId}".</summary>
[Alias("minimax.IJobIndexGrain")]
public interface IJobIndexGrain : IGrainWithStringKey
{
    [Alias("Get")] Task<JobLocation?> GetAsync();

    [Alias("Set")] Task SetAsync(JobLocation location);

    [Alias("Clear")] Task ClearAsync();
}
