using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Contracts.Grains.Cluster;
using Minimax.Silo.Security;
using Minimax.Silo.Services.Jobs;

namespace Minimax.Silo.Services;

/// <summary>
/// minimax.v1.Cluster: the silos and their work, for `minimax cluster`. Any authenticated caller may ask: job
/// counts are over every tenant and name no job.
/// </summary>
public sealed class ClusterService(IGrainFactory grains, JobKindTable kinds) : Contracts.Api.Cluster.ClusterBase
{
    public override async Task<ClusterStatus> GetClusterStatus(GetClusterStatusRequest request, ServerCallContext context)
    {
        // Fails closed when the middleware resolved no caller.
        _ = CallerTenant.Of(context);
        var snapshot = await grains.GetGrain<IClusterStatusGrain>(0).GetAsync().WaitAsync(context.CancellationToken);
        return ClusterStatusMapper.ToStatus(snapshot, kinds.Names);
    }
}
