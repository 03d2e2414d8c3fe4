namespace Minimax.Grains.Drain;

/// <summary>Silo:DrainTimeoutSeconds: how long a stopping silo waits for its runs to checkpoint and move; zero turns the drain off.</summary>
public sealed class DrainOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(45);

    public TimeSpan Timeout { get; set; } = DefaultTimeout;
}
