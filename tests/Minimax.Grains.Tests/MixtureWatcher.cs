using Minimax.Contracts.Grains;

namespace Minimax.Grains.Tests;

/// <summary>Follows a mixture job through its pushed watch events: waits on changes, never sleeps.</summary>
public static class MixtureWatcher
{
    public static async Task<MixtureSnapshot> UntilAsync(IMixtureGrain job, Func<MixtureSnapshot, bool> done, TimeSpan timeout, string awaited)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var snapshot = await job.GetSnapshotAsync();
            if (done(snapshot))
            {
                return snapshot;
            }
            await foreach (var update in job.WatchJobAsync(0, deadline.Token))
            {
                snapshot = (update.Final?.Detail ?? update.Progress) as MixtureSnapshot ?? await job.GetSnapshotAsync();
                if (done(snapshot))
                {
                    return snapshot;
                }
                if (update.Final is not null)
                {
                    throw new InvalidOperationException($"mixture job ended {snapshot.Status} ({snapshot.Reason}) while waiting for {awaited}");
                }
            }
            throw new InvalidOperationException($"the watch ended while waiting for {awaited}");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out after {timeout} waiting for {awaited}");
        }
    }
}
