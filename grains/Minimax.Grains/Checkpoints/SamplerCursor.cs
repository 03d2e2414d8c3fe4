namespace Minimax.Grains.Checkpoints;

/// <summary>The sampler's position: RNG state, epoch, position in the epoch and the epoch's order.</summary>
[GenerateSerializer, Immutable, Alias("minimax.SamplerCursor")]
public sealed record SamplerCursor(
    [property: Id(0)] ulong RngState,
    [property: Id(1)] int Epoch,
    [property: Id(2)] int Position,
    [property: Id(3)] int[] Order);
