using Minimax.Contracts.Grains;

namespace Minimax.Grains.Jobs;

/// <summary>
/// The lifecycle every job persists, in its grain state row. Small and bounded: the spec, results and
/// histories are documents (<see cref="JobDocuments"/>). A kind's state derives from it.
/// </summary>
[GenerateSerializer, Alias("minimax.JobState")]
public abstract class JobState
{
    /// <summary>Set once the spec document is written and the job accepted.</summary>
    [Id(0)] public bool Submitted { get; set; }
    /// <summary>The tenant that submitted the job; only it may see or cancel the job.</summary>
    [Id(1)] public string Tenant { get; set; } = "";
    [Id(2)] public string Name { get; set; } = "";
    /// <summary>The job that started this one (a mixture's stage runs run under their parent's place).</summary>
    [Id(3)] public string? Parent { get; set; }
    [Id(4)] public JobStatus Status { get; set; }
    [Id(5)] public string? Reason { get; set; }
    [Id(6)] public DateTimeOffset? SubmittedAt { get; set; }
    [Id(7)] public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Set when a cancel was asked for, so work resumed after a silo loss does not go on.</summary>
    [Id(8)] public bool CancelRequested { get; set; }
    /// <summary>The W3C traceparent of the job's span, so work resumed by another activation stays in the job's trace.</summary>
    [Id(9)] public string? TraceParent { get; set; }
}
