using Minimax.Contracts.Grains.Jobs;

namespace Minimax.Grains.Jobs;

/// <summary>A listed job's entry and the list page that holds it.</summary>
[GenerateSerializer, Immutable, Alias("minimax.JobLocation")]
public sealed record JobLocation(
    [property: Id(0)] JobEntry Job,
    [property: Id(1)] int Page);
