using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;

namespace Minimax.Grains.Jobs;

/// <summary>Watching a job: its events as they happen, in batches of at most <see cref="WatchInterval"/>.</summary>
public abstract partial class JobGrain<TSpec, TState>
{
    /// <summary>The longest a watcher waits for more events after a change, so that events arrive in batches of at most this period.</summary>
    public static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(100);

    private TaskCompletionSource _changed = NewSignal();
    // Completed when the job reaches a terminal status: watchers batching events stop waiting.
    private readonly TaskCompletionSource _ended = NewSignal();

    public async IAsyncEnumerable<JobEvent> WatchJobAsync(int afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sincePush = Stopwatch.StartNew();
        while (true)
        {
            var changed = _changed.Task;
            foreach (var update in await EventsAfterAsync(afterSequence))
            {
                afterSequence = Math.Max(afterSequence, update.Sequence);
                yield return update;
            }
            if (!State.Submitted || State.Status.IsTerminal())
            {
                yield return new JobEvent(afterSequence, Info(), null, View());
                yield break;
            }
            await changed.WaitAsync(cancellationToken);
            // A run steps every few milliseconds: pushing each step to every watcher would put messages on the
            // silo's threads while the workers compute (and slow them). What arrives within the interval goes as
            // one batch; nothing is dropped, and an end is pushed at once.
            if (WatchInterval - sincePush.Elapsed is { TotalMilliseconds: > 0 } wait)
            {
                await Task.WhenAny(Task.Delay(wait, cancellationToken), _ended.Task);
            }
            sincePush.Restart();
        }
    }

    /// <summary>Wakes every watcher.</summary>
    protected void Changed()
    {
        Version++;
        ReportStatus();
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
        if (State.Status.IsTerminal())
        {
            _ended.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
