using System.Collections.Concurrent;
using Grpc.Core;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Silo.Hosting;

namespace Minimax.Silo.Services;

/// <summary>
/// Starts a tenant's run unless it already exists (an idempotent retry) or the tenant is at
/// Limits:MaxConcurrentRunsPerTenant. One tenant's submits through this silo are admitted one at a
/// time, so a burst cannot overshoot the limit on it.
/// </summary>
public sealed class RunAdmission(IGrainFactory grains, SiloOptions options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<RunSnapshot> SubmitAsync(string tenant, string runId, RunSpec spec, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
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
            var ids = await grains.GetGrain<IRunRegistryGrain>(tenant).ListAsync();
            var snapshots = await Task.WhenAll(ids.Select(id => grains.GetGrain<IRunGrain>(id).GetSnapshotAsync()));
            var active = snapshots.Count(snapshot => !snapshot.Status.IsTerminal());
            if (active >= limit)
            {
                throw new RpcException(new Status(
                    StatusCode.ResourceExhausted,
                    $"Limits:MaxConcurrentRunsPerTenant: {active} of at most {limit} runs are pending or running; wait for one to finish or cancel one"));
            }
            return await run.SubmitAsync(spec, tenant);
        }
        finally
        {
            gate.Release();
        }
    }
}
