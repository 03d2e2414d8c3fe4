using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Grains;

/// <summary>Everything GetRun answers: status, latest progress and, once finished, the result.</summary>
[GenerateSerializer, Immutable, Alias("minimax.RunSnapshot")]
public sealed record RunSnapshot(
    [property: Id(0)] string RunId,
    [property: Id(1)] RunSpec? Spec,
    [property: Id(2)] JobStatus Status,
    [property: Id(3)] string? Reason,
    [property: Id(4)] ProgressRecord? LastProgress,
    [property: Id(5)] RunResult? Result,
    [property: Id(6)] double WallSeconds,
    [property: Id(7)] IReadOnlyList<long> TrainGroupCounts,
    [property: Id(8)] string Tenant,
    [property: Id(9)] int Recoveries = 0,
    [property: Id(10)] string? CoordinatorSilo = null,
    [property: Id(11)] IReadOnlyList<string>? WorkerSilos = null,
    [property: Id(12)] string? Parent = null,
    [property: Id(13)] IReadOnlyList<string>? Warnings = null) : JobDetail;

