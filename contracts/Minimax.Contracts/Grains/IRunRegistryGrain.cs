namespace Minimax.Contracts.Grains;

/// <summary>One tenant's run ids, for ListRuns and the concurrent-runs limit. Key: the tenant.</summary>
[Alias("minimax.IRunRegistryGrain")]
public interface IRunRegistryGrain : IGrainWithStringKey
{
    [Alias("Add")] Task AddAsync(string runId);

    [Alias("List")] Task<IReadOnlyList<string>> ListAsync();
}
