namespace Minimax.Contracts.Grains.Jobs;

/// <summary>What a delete did: deleted, no such job, or refused with a one-line reason (the job runs, or another job uses it).</summary>
[GenerateSerializer, Immutable, Alias("minimax.JobDeletion")]
public sealed record JobDeletion(
    [property: Id(0)] bool Deleted,
    [property: Id(1)] string? Refusal)
{
    public static readonly JobDeletion Done = new(true, null);

    public static readonly JobDeletion NotFound = new(false, null);

    public static JobDeletion Refused(string reason) => new(false, reason);
}
