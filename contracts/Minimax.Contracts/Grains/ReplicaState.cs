namespace Minimax.Contracts.Grains;

/// <summary>A worker replica's parameters and optimizer state (identical on every worker).</summary>
[GenerateSerializer, Immutable, Alias("minimax.ReplicaState")]
public sealed record ReplicaState(
    [property: Id(0)] FlatTensor Parameters,
    [property: Id(1)] byte[] OptimizerState);
