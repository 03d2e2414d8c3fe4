using Minimax.Contracts.Grains;

namespace Minimax.Grains.Tests;

/// <summary>Follows a run through its pushed watch events: waits on events, never sleeps.</summary>
public static class RunWatcher
{
    public static async Task<(RunSnapshot Snapshot, List<ProgressRecord> Progress)> UntilAsync(
        IRunGrain run, Func<RunSnapshot, List<ProgressRecord>, bool> done, TimeSpan timeout, string awaited, int after = 0)
    {
        var progress = new List<ProgressRecord>();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var snapshot = await run.GetSnapshotAsync();
            if (done(snapshot, progress))
            {
                return (snapshot, progress);
            }
            await foreach (var update in run.WatchJobAsync(after, deadline.Token))
            {
                if (update.Progress is ProgressRecord record)
                {
                    progress.Add(record);
                }
                snapshot = update.Final?.Detail as RunSnapshot ?? await run.GetSnapshotAsync();
                if (update.Final is null && snapshot.Status.IsTerminal())
                {
                    // The live run is ahead of the stream: its remaining steps come before the final event.
                    continue;
                }
                if (done(snapshot, progress))
                {
                    return (snapshot, progress);
                }
                if (update.Final is not null)
                {
                    throw new InvalidOperationException($"run ended {snapshot.Status} ({snapshot.Reason}) while waiting for {awaited}");
                }
            }
            throw new InvalidOperationException($"the watch ended while waiting for {awaited}");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out after {timeout} waiting for {awaited}");
        }
    }

    public static Task<(RunSnapshot Snapshot, List<ProgressRecord> Progress)> UntilTerminalAsync(IRunGrain run, TimeSpan timeout) =>
        UntilAsync(run, (snapshot, _) => snapshot.Status.IsTerminal(), timeout, "a terminal status");
}
