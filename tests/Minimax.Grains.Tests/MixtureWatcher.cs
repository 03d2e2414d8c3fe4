using Minimax.Contracts.Grains;

namespace Minimax.Grains.Tests;

/// <summary>Follows a mixture job through IMixtureGrain.WatchAsync: waits on changes, never sleeps.</summary>
public static class MixtureWatcher
{
    public static async Task<MixtureSnapshot> UntilAsync(IMixtureGrain job, Func<MixtureSnapshot, bool> done, TimeSpan timeout, string awaited)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var version = -1;
        while (true)
        {
            MixtureSnapshot snapshot;
            try
            {
                snapshot = await job.WatchAsync(version, TimeSpan.FromSeconds(2)).WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out after {timeout} waiting for {awaited}");
            }
            if (done(snapshot))
            {
                return snapshot;
            }
            if (snapshot.Status.IsTerminal())
            {
                throw new InvalidOperationException($"mixture job ended {snapshot.Status} ({snapshot.Reason}) while waiting for {awaited}");
            }
            version = snapshot.Version;
        }
    }
}
