using Grpc.Core;
using Minimax.Contracts.Api;
using JobsClient = Minimax.Contracts.Api.Jobs.JobsClient;

namespace Minimax.Client.Jobs;

/// <summary>Follows any job over WatchJob: each progress event to a callback, then its final report.</summary>
public static class JobWatcher
{
    public static async Task<JobReport> WatchAsync(
        JobsClient client, string jobId, Action<JobProgress> onProgress, CancellationToken cancellationToken)
    {
        using var call = client.WatchJob(new WatchJobRequest { JobId = jobId }, cancellationToken: cancellationToken);
        // Headers first: a call that fails before any message (cluster unreachable, unknown id) then throws
        // its RpcException instead of a bare TaskCanceledException from the reader (grpc-dotnet #2032).
        await call.ResponseHeadersAsync;
        // A stream that ends without a report (a server restarting): ask for the report directly.
        return await ReadAsync(call.ResponseStream, onProgress, cancellationToken)
            ?? await client.GetJobAsync(new GetJobRequest { JobId = jobId }, cancellationToken: cancellationToken);
    }

    /// <summary>The report that ends <paramref name="events"/>, or null when the stream ends without one.</summary>
    public static async Task<JobReport?> ReadAsync(
        IAsyncStreamReader<JobEvent> events, Action<JobProgress> onProgress, CancellationToken cancellationToken)
    {
        await foreach (var update in events.ReadAllAsync(cancellationToken))
        {
            switch (update.EventCase)
            {
                case JobEvent.EventOneofCase.Progress:
                    onProgress(update.Progress);
                    break;
                case JobEvent.EventOneofCase.Report:
                    return update.Report;
            }
        }

        return null;
    }
}
