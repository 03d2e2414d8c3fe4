using Minimax.Contracts.Grains.Jobs;

namespace Minimax.Grains.Jobs;

[GenerateSerializer, Alias("minimax.JobRegistryState")]
public sealed class JobRegistryState
{
    /// <summary>Only in rows written before the list was paged: moved into pages on activation, then emptied.</summary>
    [Id(0)] public List<JobEntry> Jobs { get; set; } = [];
    /// <summary>Top-level jobs admitted and not known to have ended, with when they were admitted: what counts against the limit.</summary>
    [Id(1)] public Dictionary<string, DateTimeOffset> Active { get; set; } = [];
    /// <summary>The page new jobs are listed in; pages before it are full.</summary>
    [Id(2)] public int LastPage { get; set; }
}
