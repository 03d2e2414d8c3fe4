using Grpc.Core;
using Minimax.Contracts.Api;
using RunsClient = Minimax.Contracts.Api.Runs.RunsClient;

namespace Minimax.Client.Runs;

/// <summary>Follows a run over WatchRun until its final report.</summary>
internal static class RunWatcher
{
    public static async Task<RunReport> WatchAsync(
        RunsClient client,
        string runId,
        Action<RunProgress> onProgress,
        CancellationToken cancellationToken)
    {
        using var call = client.WatchRun(new WatchRunRequest { RunId = runId }, cancellationToken: cancellationToken);
        // Headers first: a call that fails before any message (cluster unreachable, unknown id) then throws
        // its RpcException instead of a bare TaskCanceledException from the reader (grpc-dotnet #2032).
        await call.ResponseHeadersAsync;
        await foreach (var update in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            switch (update.EventCase)
            {
                case WatchRunEvent.EventOneofCase.Progress:
                    onProgress(update.Progress);
                    break;
                case WatchRunEvent.EventOneofCase.Report:
                    return update.Report;
            }
        }

        // A stream that ends without a report (a server restarting): ask for the report directly.
        return await client.GetRunAsync(new GetRunRequest { RunId = runId }, cancellationToken: cancellationToken);
    }

    public static bool IsFinished(RunReport report) => report.Status is "completed" or "failed" or "cancelled";
}
