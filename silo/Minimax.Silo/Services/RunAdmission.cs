using Grpc.Core;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Silo.Hosting;

namespace Minimax.Silo.Services;

/// <summary>
/// Starts a tenant's run unless it already exists (an idempotent retry) or the tenant is at
/// Limits:MaxConcurrentRunsPerTenant. The tenant's registry grain admits runs one at a time for the
/// whole cluster, so no burst and no second silo can overshoot the limit.
/// </summary>
public sealed class RunAdmission(IGrainFactory grains, SiloOptions options)
{
    public async Task<RunSnapshot> SubmitAsync(string tenant, string runId, RunSpec spec, CancellationToken cancellationToken)
    {
        var run = grains.GetGrain<IRunGrain>(runId);
        var existing = await run.GetSnapshotAsync();
        if (existing.Spec is not null)
        {
            // Same tenant: a retry of the same request. Another tenant: a 48-bit id collision.
            return existing.Tenant == tenant
                ? existing
                : throw new RpcException(new Status(StatusCode.AlreadyExists, "request_id: choose another request id"));
        }

        var limit = options.Limits.MaxConcurrentRunsPerTenant;
        if (await grains.GetGrain<IRunRegistryGrain>(tenant).AdmitAsync(runId, limit) is { } active)
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Limits:MaxConcurrentRunsPerTenant: {active} of at most {limit} runs are pending or running; wait for one to finish or cancel one"));
        }
        cancellationToken.ThrowIfCancellationRequested();
        return await run.SubmitAsync(spec, tenant);
    }
}
