namespace Minimax.Grains.Training;

/// <summary>
/// The coordinator's own time in one step: its code between the step's start and the issue of the
/// step's progress record (sampling and splitting the batch, issuing the workers' calls, merging their
/// statistics, the weight rule, checks and bookkeeping), with every wait on a worker or another grain
/// paused out. Timestamps only, so timing a step allocates nothing.
/// </summary>
public sealed class CoordinatorClock(TimeProvider time)
{
    private long _own;
    private long _since;

    public CoordinatorClock()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A new step: nothing counted yet, the clock running.</summary>
    public void Start()
    {
        _own = 0;
        _since = time.GetTimestamp();
    }

    /// <summary>Before awaiting others: the time since <see cref="Start"/> or <see cref="Resume"/> counts.</summary>
    public void Pause() => _own += time.GetTimestamp() - _since;

    /// <summary>After the await: the coordinator's own code again.</summary>
    public void Resume() => _since = time.GetTimestamp();

    /// <summary>Ends the step (from running) and returns its own time in seconds.</summary>
    public double StopSeconds()
    {
        Pause();
        return (double)_own / time.TimestampFrequency;
    }
}
