using Grpc.Core;
using Minimax.Contracts.Api;
using MixturesClient = Minimax.Contracts.Api.Mixtures.MixturesClient;

namespace Minimax.Client.Mixtures;

/// <summary>Follows a mixture job over WatchMixture until its terminal report.</summary>
internal static class MixtureWatcher
{
    /// <summary>True for a mixture job id, which the cluster gives out as "mix-...".</summary>
    public static bool IsMixtureId(string id) => id.StartsWith("mix-", StringComparison.Ordinal);

    public static bool IsFinished(MixtureReport report) => report.Status is "completed" or "failed" or "cancelled";

    public static async Task<MixtureReport> WatchAsync(
        MixturesClient client,
        string jobId,
        Action<MixtureReport> onReport,
        CancellationToken cancellationToken)
    {
        using var call = client.WatchMixture(new WatchMixtureRequest { JobId = jobId }, cancellationToken: cancellationToken);
        // Headers first: a call that fails before any message (cluster unreachable, unknown id) then throws
        // its RpcException instead of a bare TaskCanceledException from the reader (grpc-dotnet #2032).
        await call.ResponseHeadersAsync;
        await foreach (var report in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            if (IsFinished(report))
            {
                return report;
            }

            onReport(report);
        }

        // A stream that ends without a terminal report (a server restarting): ask directly.
        return await client.GetMixtureAsync(new GetMixtureRequest { JobId = jobId }, cancellationToken: cancellationToken);
    }
}
