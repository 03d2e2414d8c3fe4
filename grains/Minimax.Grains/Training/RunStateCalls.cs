using Microsoft.Extensions.Logging;
using Minimax.Grains.Jobs;

namespace Minimax.Grains.Training;

/// <summary>
/// How the training loop answers a run grain that could not write its state (<see cref="JobStateWriteException"/>,
/// after the grain's own re-reads and retries): a write that a later one makes good is tolerated, one
/// that must happen is tried again after seconds. Storage trouble never fails a run.
/// </summary>
public static class RunStateCalls
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>Whether the exception says the run's state could not be written.</summary>
    public static bool IsWriteFailure(Exception exception)
    {
        while (exception is AggregateException { InnerException: { } inner })
        {
            exception = inner;
        }
        return exception is JobStateWriteException;
    }

    /// <summary>Whether the run's state could not be written for now (storage unreachable); a later attempt may succeed.</summary>
    public static bool IsTransientWriteFailure(Exception exception)
    {
        while (exception is AggregateException { InnerException: { } inner })
        {
            exception = inner;
        }
        return exception is JobStateWriteException { Transient: true };
    }

    /// <summary>Calls; a failed write is logged and left to a later one.</summary>
    public static async Task TolerateAsync(Func<Task> call, ILogger logger, string runId, string what)
    {
        try
        {
            await call();
        }
        catch (Exception exception) when (IsWriteFailure(exception))
        {
            logger.LogWarning(exception, "Run {RunId}: {What} not persisted; training continues", runId, what);
        }
    }

    /// <summary>Calls, and again after a back-off while the write fails; the last failure is thrown.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, ILogger logger, string runId, string what)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (attempt < Backoff.Length && IsTransientWriteFailure(exception))
            {
                logger.LogWarning(exception, "Run {RunId}: {What} not persisted; trying again", runId, what);
                await Task.Delay(Backoff[attempt]);
            }
        }
    }

    public static Task RetryAsync(Func<Task> call, ILogger logger, string runId, string what) =>
        RetryAsync(
            async () =>
            {
                await call();
                return true;
            },
            logger,
            runId,
            what);
}
