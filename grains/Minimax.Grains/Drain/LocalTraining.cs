using System.Collections.Concurrent;

namespace Minimax.Grains.Drain;

/// <summary>
/// The runs that have a coordinator or a worker on this silo now: what a drain must move before the silo may leave.
/// A coordinator counts from its loop's start until its activation ends; a worker while it holds a replica.
/// </summary>
public sealed class LocalTraining
{
    private readonly ConcurrentDictionary<string, byte> _coordinators = new();
    private readonly ConcurrentDictionary<string, string> _workers = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Runs whose coordinator is here.</summary>
    public IReadOnlyList<string> CoordinatedRuns => [.. _coordinators.Keys];

    /// <summary>Runs with a coordinator or a worker here.</summary>
    public IReadOnlyList<string> Runs => [.. _coordinators.Keys.Union(_workers.Values).Distinct()];

    public bool IsEmpty => _coordinators.IsEmpty && _workers.IsEmpty;

    public void CoordinatorStarted(string runId) => Change(_coordinators.TryAdd(runId, 0));

    public void CoordinatorEnded(string runId) => Change(_coordinators.TryRemove(runId, out _));

    /// <summary>Counts worker <paramref name="workerKey"/> of <paramref name="runId"/> until the returned handle is disposed.</summary>
    public IDisposable WorkerStarted(string workerKey, string runId)
    {
        _workers[workerKey] = runId;
        Change(true);
        return new Presence(() => Change(_workers.TryRemove(workerKey, out _)));
    }

    /// <summary>Completes once no coordinator and no worker is left here, or false when <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WhenEmptyAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            // Taken before the check: a change between the two completes it.
            var changed = Volatile.Read(ref _changed).Task;
            if (IsEmpty)
            {
                return true;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return IsEmpty;
            }
        }
    }

    private void Change(bool changed)
    {
        if (changed)
        {
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private sealed class Presence(Action leave) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                leave();
            }
        }
    }
}
