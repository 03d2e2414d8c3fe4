using Orleans.Concurrency;

namespace Minimax.Contracts.Grains;

/// <summary>One tenant's run ids, for ListRuns and the concurrent-runs limit. Key: the tenant.</summary>
[Alias("minimax.IRunRegistryGrain")]
public interface IRunRegistryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reserves a place for a new run under the tenant's concurrent-runs limit. Null when admitted (or
    /// already admitted), else the number of runs pending or running. One activation per tenant makes
    /// this the cluster-wide point where the limit holds.
    /// </summary>
    [Alias("Admit")] Task<int?> AdmitAsync(string runId, int limit);

    /// <summary>Lists a run once its state is written.</summary>
    [Alias("Add")] Task AddAsync(string runId);

    /// <summary>Frees the run's place under the limit (sent by the run when it ends; not awaited).</summary>
    [Alias("Finished"), OneWay] Task FinishedAsync(string runId);

    [Alias("List")] Task<IReadOnlyList<string>> ListAsync();
}
