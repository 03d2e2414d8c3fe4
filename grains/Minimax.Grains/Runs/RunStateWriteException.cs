namespace Minimax.Grains.Runs;

/// <summary>
/// A run's (or registry's) grain state could not be written even after re-reading it on conflicts and
/// retrying transient failures. The grain's in-memory state then matches storage again: the change did
/// not happen, and the caller may try it again later.
/// </summary>
[GenerateSerializer, Alias("minimax.RunStateWriteException")]
public sealed class RunStateWriteException : Exception
{
    public RunStateWriteException()
    {
    }

    public RunStateWriteException(string message)
        : base(message)
    {
    }

    public RunStateWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
