namespace Minimax.Contracts.Grains;

/// <summary>
/// A worker was asked to train but holds no replica: its activation was lost (silo death,
/// deactivation) and came back empty. The coordinator answers by re-creating the workers from the
/// last checkpoint.
/// </summary>
[GenerateSerializer, Alias("minimax.ReplicaMissingException")]
public sealed class ReplicaMissingException : Exception
{
    public ReplicaMissingException(string message)
        : base(message)
    {
    }
}
