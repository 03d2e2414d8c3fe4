using Minimax.Contracts.Grains.Jobs;

namespace Minimax.Grains.Jobs;

[GenerateSerializer, Alias("minimax.JobRegistryState")]
public sealed class JobRegistryState
{
    /// <summary>Every job of the tenant, in submission order.</summary>
    [Id(0)] public List<JobEntry> Jobs { get; set; } = [];
    /// <summary>Top-level jobs admitted and not known to have ended, with when they were admitted: what counts against the limit.</summary>
    [Id(1)] public Dictionary<string, DateTimeOffset> Active { get; set; } = [];
}
