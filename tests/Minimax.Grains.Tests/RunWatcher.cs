using Minimax.Contracts.Grains;

namespace Minimax.Grains.Tests;

/// <summary>Follows a run through IRunGrain.WatchAsync: waits on events, never sleeps.</summary>
public static class RunWatcher
{
    public static async Task<(RunSnapshot Snapshot, List<ProgressRecord> Progress)> UntilAsync(
        IRunGrain run, Func<RunSnapshot, List<ProgressRecord>, bool> done, TimeSpan timeout, string awaited, int after = 0)
    {
        var progress = new List<ProgressRecord>();
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            RunUpdates updates;
            try
            {
                updates = await run.WatchAsync(after, TimeSpan.FromSeconds(2)).WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out after {timeout} waiting for {awaited}");
            }
            progress.AddRange(updates.Progress);
            after = updates.NextSequence;
            if (done(updates.Snapshot, progress))
            {
                return (updates.Snapshot, progress);
            }
            if (updates.Snapshot.Status.IsTerminal())
            {
                throw new InvalidOperationException($"run ended {updates.Snapshot.Status} ({updates.Snapshot.Reason}) while waiting for {awaited}");
            }
        }
    }

    public static Task<(RunSnapshot Snapshot, List<ProgressRecord> Progress)> UntilTerminalAsync(IRunGrain run, TimeSpan timeout) =>
        UntilAsync(run, (snapshot, _) => snapshot.Status.IsTerminal(), timeout, "a terminal status");
}
