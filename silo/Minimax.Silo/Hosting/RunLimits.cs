namespace Minimax.Silo.Hosting;

/// <summary>Per-cluster limits on submitted runs (configuration keys Limits:*).</summary>
public sealed record RunLimits
{
    /// <summary>Limits:MaxSpecBytes: largest spec YAML accepted, its overrides included, in UTF-8 bytes.</summary>
    public int MaxSpecBytes { get; init; } = 1 << 20;

    /// <summary>Limits:MaxOverrides: most overrides (<c>--set path=value</c>) one submission may carry.</summary>
    public int MaxOverrides { get; init; } = 100;

    /// <summary>Limits:MaxWorkers: most training.workers one run may ask for.</summary>
    public int MaxWorkers { get; init; } = 16;

    /// <summary>Limits:MaxConcurrentRunsPerTenant: runs one tenant may have pending or running at once.</summary>
    public int MaxConcurrentRunsPerTenant { get; init; } = 8;

    /// <summary>
    /// Limits:MaxWorkerMemoryBytes: the most a job's estimated peak memory per worker may be. The default, 4 GiB,
    /// lets a 24 GiB machine run several jobs beside the silo itself.
    /// </summary>
    public long MaxWorkerMemoryBytes { get; init; } = 4L << 30;
}
