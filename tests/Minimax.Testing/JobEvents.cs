using Grpc.Core;
using Minimax.Contracts.Api;

namespace Minimax.Testing;

/// <summary>Follows a job's WatchJob stream across silo crashes: waits on events, never sleeps.</summary>
public static class JobEvents
{
    /// <summary>
    /// The first event <paramref name="done"/> accepts, or the final report's event. A stream broken by a
    /// silo's death (UNAVAILABLE, INTERNAL, UNKNOWN) is opened again.
    /// </summary>
    public static async Task<JobEvent> UntilAsync(Jobs.JobsClient client, string jobId, Func<JobEvent, bool> done, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                using var call = client.WatchJob(new WatchJobRequest { JobId = jobId }, cancellationToken: deadline.Token);
                await foreach (var update in call.ResponseStream.ReadAllAsync(deadline.Token))
                {
                    if (update.Report is not null || done(update))
                    {
                        return update;
                    }
                }
            }
            catch (RpcException exception) when (exception.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown
                && !deadline.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"job {jobId} did not get there within {timeout}");
            }
        }
    }
}
