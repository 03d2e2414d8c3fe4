using Orleans.Concurrency;

namespace Minimax.Contracts.Grains.Jobs;

/// <summary>One listed job: its id, kind and, for a job another job started, that parent.</summary>
[GenerateSerializer, Immutable, Alias("minimax.JobEntry")]
public sealed record JobEntry(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Parent);

/// <summary>One tenant's jobs of every kind, for ListJobs, id look-ups and the concurrent-jobs limit. Key: the tenant.</summary>
[Alias("minimax.IJobRegistryGrain")]
public interface IJobRegistryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reserves a place for a new top-level job under the tenant's concurrent-jobs limit (every kind counts;
    /// jobs a job starts run under their parent's place). Null when admitted (or already admitted), else the
    /// number of jobs pending or running. One activation per tenant makes this the cluster-wide point where
    /// the limit holds.
    /// </summary>
    [Alias("Admit")] Task<int?> AdmitAsync(JobEntry job, int limit);

    /// <summary>Lists a job once its state is written.</summary>
    [Alias("Add")] Task AddAsync(JobEntry job);

    /// <summary>Frees the job's place under the limit (sent by the job when it ends; not awaited).</summary>
    [Alias("Finished"), OneWay] Task FinishedAsync(string jobId);

    [Alias("List")] Task<IReadOnlyList<JobEntry>> ListAsync();

    /// <summary>The listed job of that id, or null: the tenant has no such job.</summary>
    [Alias("Find")] Task<JobEntry?> FindAsync(string jobId);
}
