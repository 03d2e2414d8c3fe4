using Microsoft.Extensions.Options;
using Minimax.Engine.Training;

namespace Minimax.Grains.Runtime;

/// <summary>Workers:IntraOpThreads: the TorchSharp intra-op threads of each worker; 0 (the default) shares the silo's cores.</summary>
public sealed class WorkerThreadOptions
{
    public int IntraOpThreads { get; set; }
}

/// <summary>
/// The intra-op threads each of this silo's tensor workers (training and evaluation) computes with: the
/// configured number, or max(1, cores / workers active on the silo now), so that the workers never
/// oversubscribe the cores. Workers ask before every piece of tensor work, so the share follows as workers come and go.
/// </summary>
public sealed class WorkerThreadBudget
{
    private readonly int _configured;
    private readonly int _cores;
    private int _active;

    public WorkerThreadBudget(IOptions<WorkerThreadOptions> options)
        : this(options.Value.IntraOpThreads, Environment.ProcessorCount)
    {
    }

    public WorkerThreadBudget(int configured, int cores)
    {
        if (configured < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(configured), configured, "Workers:IntraOpThreads: must be 0 (share the cores) or a positive number of threads");
        }
        _configured = configured;
        _cores = cores;
    }

    /// <summary>The threads one worker may use now.</summary>
    public int Threads => _configured > 0 ? _configured : IntraOpThreads.Share(_cores, Volatile.Read(ref _active));

    /// <summary>Counts a worker as active until the returned handle is disposed.</summary>
    public IDisposable Join()
    {
        Interlocked.Increment(ref _active);
        return new Membership(this);
    }

    private sealed class Membership(WorkerThreadBudget budget) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                Interlocked.Decrement(ref budget._active);
            }
        }
    }
}
