namespace Minimax.Contracts.Grains.Jobs;

/// <summary>What every job answers, whatever its kind: identity, owner, lifecycle and coarse progress.</summary>
[GenerateSerializer, Immutable, Alias("minimax.JobInfo")]
public sealed record JobInfo(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Name,
    [property: Id(3)] string Tenant,
    [property: Id(4)] JobStatus Status,
    [property: Id(5)] string? Reason,
    [property: Id(6)] double WallSeconds,
    [property: Id(7)] int Step,
    [property: Id(8)] int TotalSteps,
    [property: Id(9)] string? Parent,
    [property: Id(10)] string TraceId = "")
{
    /// <summary>Whether a job of this id was ever submitted.</summary>
    public bool Exists => Tenant.Length > 0;
}
