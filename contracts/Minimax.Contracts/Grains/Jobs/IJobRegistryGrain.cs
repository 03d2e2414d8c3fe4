using Orleans.Concurrency;

namespace Minimax.Contracts.Grains.Jobs;

/// <summary>One listed job: its id, kind and, for a job another job started, that parent.</summary>
[GenerateSerializer, Immutable, Alias("minimax.JobEntry")]
public sealed record JobEntry(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Parent);

/// <summary>
/// A listed job and its slot in its list page: slots only grow, so a listing resumes after a slot. A top-level
/// job's <see cref="EndedAt"/> is when the registry learnt it had finished (what Jobs:Retention counts from).
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.ListedJob")]
public sealed record ListedJob(
    [property: Id(0)] int Slot,
    [property: Id(1)] JobEntry Job,
    [property: Id(2)] DateTimeOffset? EndedAt = null);

/// <summary>One page of a tenant's job list, in submission order; <see cref="Last"/> when no later page exists yet.</summary>
[GenerateSerializer, Immutable, Alias("minimax.JobListPage")]
public sealed record JobListPage(
    [property: Id(0)] IReadOnlyList<ListedJob> Jobs,
    [property: Id(1)] bool Last);

/// <summary>
/// One tenant's jobs of every kind, for ListJobs, id look-ups and the concurrent-jobs limit. Key: the tenant.
/// Bounded whatever the number of jobs: the list lives in fixed-size pages and the id look-up in one small
/// row per job; the registry's own row holds only the active jobs and the page count.
/// </summary>
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

    /// <summary>
    /// Frees the job's place under the limit and records when it ended in its list entry (sent by a top-level
    /// job when it ends; not awaited).
    /// </summary>
    [Alias("Finished"), OneWay] Task FinishedAsync(string jobId);

    /// <summary>List page <paramref name="page"/> (0 first).</summary>
    [Alias("ListPage")] Task<JobListPage> ListAsync(int page);

    /// <summary>The listed job of that id, or null: the tenant has no such job.</summary>
    [Alias("Find")] Task<JobEntry?> FindAsync(string jobId);

    /// <summary>The top-level jobs that count against the limit now (at most the limit's worth).</summary>
    [Alias("Active")] Task<IReadOnlyList<JobEntry>> ActiveAsync();

    /// <summary>Takes a deleted job off the list and out of the id look-up; a job not listed is left alone.</summary>
    [Alias("Remove")] Task RemoveAsync(string jobId);
}
