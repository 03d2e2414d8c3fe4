using Minimax.Client.Connection;
using Minimax.Client.Jobs;
using Minimax.Contracts.Api;

namespace Minimax.Client.Cluster;

/// <summary>The body of `minimax cluster`: one GetClusterStatus call, shown as tables or as its JSON.</summary>
public static class ClusterStatusCommand
{
    public static async Task<int> ShowAsync(ClusterConnection connection, bool json, TextWriter stdout, CancellationToken cancellationToken)
    {
        var status = await connection.Cluster.GetClusterStatusAsync(new GetClusterStatusRequest(), cancellationToken: cancellationToken);
        if (json)
        {
            ProtoJson.Write(stdout, status);
        }
        else
        {
            ClusterStatusView.Write(Terminal.ConsoleFor(stdout), status);
        }
        return ExitCodes.Completed;
    }
}
