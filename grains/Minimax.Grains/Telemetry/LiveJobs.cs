using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Cluster;

namespace Minimax.Grains.Telemetry;

/// <summary>
/// The jobs whose grains are active on this silo and not yet ended, with their status: what minimax.jobs.active
/// and minimax.jobs.pending count. A job leaves when it ends (and is counted in minimax.jobs.completed then) or
/// when its activation goes.
/// </summary>
public static class LiveJobs
{
    private static readonly ConcurrentDictionary<string, Entry> Jobs = new();

    /// <summary>Records a job's status; a terminal one removes the job and counts its outcome once.</summary>
    public static void Report(string jobId, string kind, string tenant, JobStatus status)
    {
        if (!status.IsTerminal())
        {
            Jobs[jobId] = new Entry(kind, tenant, status);
        }
        else if (Jobs.TryRemove(jobId, out _))
        {
            MinimaxMetrics.JobsCompleted.Add(1, new("kind", kind), new("outcome", status.ToString().ToLowerInvariant()));
        }
    }

    /// <summary>Forgets a job without counting an outcome (its activation went; another one reports it again).</summary>
    public static void Forget(string jobId) => Jobs.TryRemove(jobId, out _);

    /// <summary>Running and pending jobs per kind, over every tenant (the cluster status shows no ids), in kind order.</summary>
    public static IReadOnlyList<JobKindCount> CountByKind() =>
        Jobs.Values
            .GroupBy(job => job.Kind)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new JobKindCount(
                group.Key, group.Count(job => job.Status == JobStatus.Running), group.Count(job => job.Status == JobStatus.Pending)))
            .ToArray();

    internal static IEnumerable<Measurement<long>> Count(JobStatus status) =>
        Jobs.Values
            .Where(job => job.Status == status)
            .GroupBy(job => (job.Kind, job.Tenant))
            .Select(group => new Measurement<long>(group.LongCount(), new("kind", group.Key.Kind), new("tenant", group.Key.Tenant)))
            .ToArray();

    private sealed record Entry(string Kind, string Tenant, JobStatus Status);
}
