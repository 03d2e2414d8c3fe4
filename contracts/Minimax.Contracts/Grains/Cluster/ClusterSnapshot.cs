namespace Minimax.Contracts.Grains.Cluster;

/// <summary>Every silo of the cluster that is not dead, in address order.</summary>
[GenerateSerializer, Immutable, Alias("minimax.ClusterSnapshot")]
public sealed record ClusterSnapshot(
    [property: Id(0)] string ClusterId,
    [property: Id(1)] IReadOnlyList<SiloSnapshot> Silos);

/// <summary>
/// One silo: its membership entry (<see cref="Address"/> is host:port) and what it answered itself. When it did not
/// answer, <see cref="Error"/> says why and its own figures are zero.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.SiloSnapshot")]
public sealed record SiloSnapshot(
    [property: Id(0)] string Address,
    [property: Id(1)] string Name,
    [property: Id(2)] string Host,
    [property: Id(3)] string Status,
    [property: Id(4)] DateTime StartTime,
    [property: Id(5)] string Role,
    [property: Id(6)] int Activations,
    [property: Id(7)] IReadOnlyList<JobKindCount> Jobs,
    [property: Id(8)] double StepsPerSecond,
    [property: Id(9)] string? Error);
