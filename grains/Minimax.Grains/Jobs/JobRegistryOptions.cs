namespace Minimax.Grains.Jobs;

/// <summary>How a tenant's job list is kept (configuration section Jobs).</summary>
public sealed class JobRegistryOptions
{
    /// <summary>Jobs per list page (Jobs:ListPageSize): each page is one state row, well under 64 KiB at the default.</summary>
    public int ListPageSize { get; set; } = 256;

    /// <summary>
    /// Jobs:Retention: a finished top-level job is deleted with everything it stored once it ended this long ago
    /// (<see cref="JobRetentionGrain"/>); null, the default, keeps finished jobs until they are deleted by hand.
    /// </summary>
    public TimeSpan? Retention { get; set; }

    /// <summary>Jobs:RetentionCheckPeriod: how often each tenant's finished jobs are checked against the retention.</summary>
    public TimeSpan RetentionCheckPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The first setting that cannot work, naming its key, or null.</summary>
    public string? Problem() =>
        ListPageSize <= 0 ? $"Jobs:ListPageSize: {ListPageSize} is not a positive integer"
        : Retention <= TimeSpan.Zero ? $"Jobs:Retention: {Retention} is not a positive duration (leave it unset to keep finished jobs)"
        : RetentionCheckPeriod <= TimeSpan.Zero ? $"Jobs:RetentionCheckPeriod: {RetentionCheckPeriod} is not a positive duration"
        : null;
}
