namespace Minimax.Grains.Runs;

[GenerateSerializer, Alias("minimax.RunRegistryState")]
public sealed class RunRegistryState
{
    [Id(0)] public List<string> RunIds { get; set; } = [];
    /// <summary>Runs admitted and not known to have ended, with when they were admitted: what counts against the concurrent-runs limit.</summary>
    [Id(1)] public Dictionary<string, DateTimeOffset> ActiveRuns { get; set; } = [];
}
