using Minimax.Contracts.Grains;

namespace Minimax.Grains.Checkpoints;

/// <summary>The progress records up to a checkpoint, kept beside it so a reactivated run still shows them.</summary>
[GenerateSerializer, Alias("minimax.ProgressHistory")]
public sealed class ProgressHistory
{
    [Id(0)] public List<ProgressRecord> Records { get; set; } = [];
}
