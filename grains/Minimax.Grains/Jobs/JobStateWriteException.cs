namespace Minimax.Grains.Jobs;

/// <summary>
/// A job's (or registry's) grain state could not be written even after re-reading it on conflicts and
/// retrying transient failures. The grain's in-memory state then matches storage again: the change did
/// not happen. <see cref="Transient"/> says whether trying again later may help (storage was unreachable)
/// or never will (the row is too large, the state does not serialize): such a job fails with the reason.
/// </summary>
[GenerateSerializer, Alias("minimax.JobStateWriteException")]
public sealed class JobStateWriteException : Exception
{
    public JobStateWriteException()
    {
    }

    public JobStateWriteException(string message)
        : base(message)
    {
    }

    public JobStateWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public JobStateWriteException(string message, bool transient, Exception innerException)
        : base(message, innerException)
    {
        Transient = transient;
    }

    [Id(0)] public bool Transient { get; init; } = true;
}
