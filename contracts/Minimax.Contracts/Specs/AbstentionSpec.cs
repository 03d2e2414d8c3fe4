namespace Minimax.Contracts.Specs;

/// <summary>
/// How responses in predictions files are found to be abstentions: a persona self-reference together with
/// an inability phrase (ALGORITHMS.md 6c, step 4), by the built-in patterns or by the spec's regexes.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.AbstentionSpec")]
public sealed record AbstentionSpec
{
    /// <summary>True for <c>patterns: default</c>; the two lists are then empty.</summary>
    [Id(0)] public bool DefaultPatterns { get; init; } = true;
    [Id(1)] public IReadOnlyList<string> SelfReference { get; init; } = [];
    [Id(2)] public IReadOnlyList<string> Inability { get; init; } = [];
}
