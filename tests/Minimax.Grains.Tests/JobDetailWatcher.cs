using Minimax.Contracts.Grains.Jobs;

namespace Minimax.Grains.Tests;

/// <summary>Follows a job through its pushed watch events until its detail satisfies a condition: waits on changes, never sleeps.</summary>
public static class JobDetailWatcher
{
    public static async Task<T> UntilAsync<T>(IJobGrain job, Func<Task<T>> current, Func<T, bool> done, TimeSpan timeout, string awaited)
        where T : JobDetail
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var snapshot = await current();
            if (done(snapshot))
            {
                return snapshot;
            }
            await foreach (var update in job.WatchJobAsync(0, deadline.Token))
            {
                snapshot = (update.Final?.Detail ?? update.Progress) as T ?? await current();
                if (done(snapshot))
                {
                    return snapshot;
                }
                if (update.Final is not null)
                {
                    throw new InvalidOperationException($"{typeof(T).Name} job ended {update.Info.Status} ({update.Info.Reason}) while waiting for {awaited}");
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
