namespace Minimax.Contracts.Grains.Jobs;

/// <summary>
/// A kind's own part of a report or of a progress event (a run's snapshot or one step, a mixture's
/// snapshot, an evaluation's report or phase). The silo maps each to its kind's wire message.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.JobDetail")]
public abstract record JobDetail;

/// <summary>A job's lifecycle with its kind's detail: what GetJob answers.</summary>
[GenerateSerializer, Immutable, Alias("minimax.JobView")]
public sealed record JobView(
    [property: Id(0)] JobInfo Info,
    [property: Id(1)] JobDetail? Detail);

/// <summary>
/// One pushed watch event: progress (with <see cref="Sequence"/> growing, so a watcher that reconnects
/// asks for what came after the last one it saw) or, last of all, the final view.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.JobEvent")]
public sealed record JobEvent(
    [property: Id(0)] int Sequence,
    [property: Id(1)] JobInfo Info,
    [property: Id(2)] JobDetail? Progress,
    [property: Id(3)] JobView? Final);
