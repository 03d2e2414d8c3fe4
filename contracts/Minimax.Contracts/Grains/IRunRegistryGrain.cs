namespace Minimax.Contracts.Grains;

/// <summary>The list of run ids, for ListRuns. A single activation keyed <see cref="Key"/>.</summary>
[Alias("minimax.IRunRegistryGrain")]
public interface IRunRegistryGrain : IGrainWithStringKey
{
    const string Key = "all";

    [Alias("Add")] Task AddAsync(string runId);

    [Alias("List")] Task<IReadOnlyList<string>> ListAsync();
}
