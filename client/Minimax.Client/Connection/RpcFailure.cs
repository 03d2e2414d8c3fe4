using Grpc.Core;

namespace Minimax.Client.Connection;

/// <summary>Turns a failed gRPC call into one line on stderr and an exit code.</summary>
public static class RpcFailure
{
    public static int Report(RpcException e, Uri cluster)
    {
        var detail = OneLine(e.Status.Detail);
        var (line, code) = e.StatusCode switch
        {
            StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.OutOfRange => ($"error: {detail}", ExitCodes.BadInput),
            StatusCode.Unauthenticated => ($"error: {detail} (use --api-key or {ClusterApiKey.EnvironmentVariable})", ExitCodes.BadInput),
            // The tenant's jobs are at the cluster's limit: nothing wrong with the input; retry later.
            StatusCode.ResourceExhausted => ($"error: {detail}", ExitCodes.Failed),
            StatusCode.Unavailable => ($"error: cannot reach the cluster at {cluster}: {detail}", ExitCodes.Failed),
            StatusCode.DeadlineExceeded => ($"error: the cluster at {cluster} did not answer in time", ExitCodes.Failed),
            _ => ($"error: {e.StatusCode}: {detail}", ExitCodes.Failed),
        };
        Console.Error.WriteLine(line);
        return code;
    }

    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
