namespace Minimax.Contracts.Grains.Cluster;

/// <summary>
/// One silo's own figures. <see cref="Silo"/> is the parsable address of the silo that answered, so a caller can
/// tell that the figures came from the silo it asked.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.SiloActivity")]
public sealed record SiloActivity(
    [property: Id(0)] string Silo,
    [property: Id(1)] string Role,
    [property: Id(2)] IReadOnlyList<JobKindCount> Jobs,
    [property: Id(3)] double StepsPerSecond);

/// <summary>Live jobs of one kind: running (active) and admitted but not started (pending).</summary>
[GenerateSerializer, Immutable, Alias("minimax.JobKindCount")]
public sealed record JobKindCount(
    [property: Id(0)] string Kind,
    [property: Id(1)] int Active,
    [property: Id(2)] int Pending);
