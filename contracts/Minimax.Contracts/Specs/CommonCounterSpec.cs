namespace Minimax.Contracts.Specs;

/// <summary>
/// CounterAnimal's split of the groups (ALGORITHMS.md 5): the drop is accuracy on the common groups minus
/// accuracy on the counter groups, pooled and per class. Each group id is in at most one of the lists.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.CommonCounterSpec")]
public sealed record CommonCounterSpec
{
    /// <summary>The column whose value is an example's class (the label column unless the spec names another).</summary>
    [Id(0)] public required string Class { get; init; }
    [Id(1)] public required IReadOnlyList<int> Common { get; init; }
    [Id(2)] public required IReadOnlyList<int> Counter { get; init; }
}
