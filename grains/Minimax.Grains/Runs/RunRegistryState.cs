namespace Minimax.Grains.Runs;

[GenerateSerializer, Alias("minimax.RunRegistryState")]
public sealed class RunRegistryState
{
    [Id(0)] public List<string> RunIds { get; set; } = [];
}
