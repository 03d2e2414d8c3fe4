using Grpc.Core;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Grains.Jobs;
using Minimax.Silo.Hosting;

namespace Minimax.Silo.Services.Jobs;

/// <summary>
/// Starts a tenant's job unless it already exists (an idempotent retry) or the tenant is at
/// Limits:MaxConcurrentRunsPerTenant jobs of any kind. The tenant's registry grain admits jobs one at a time
/// for the whole cluster, so no burst and no second silo can overshoot the limit. Jobs a job starts (a
/// mixture's stage runs) run under their parent's place and are not admitted again.
/// </summary>
public sealed class JobAdmission(IGrainFactory grains, SiloOptions options)
{
    /// <summary>False when the job existed already (a retry of the same request).</summary>
    public async Task<bool> SubmitAsync(string tenant, JobEntry job, Func<IGrainFactory, string, string, Task> submit, CancellationToken cancellationToken)
    {
        var existing = await JobGrains.Get(grains, job).GetInfoAsync();
        if (existing.Exists)
        {
            // Same tenant: a retry of the same request. Another tenant: a 48-bit id collision.
            return existing.Tenant == tenant
                ? false
                : throw new RpcException(new Status(StatusCode.AlreadyExists, "request_id: choose another request id"));
        }

        var limit = options.Limits.MaxConcurrentRunsPerTenant;
        if (await grains.GetGrain<IJobRegistryGrain>(tenant).AdmitAsync(job, limit) is { } active)
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Limits:MaxConcurrentRunsPerTenant: {active} of at most {limit} jobs are pending or running; wait for one to finish or cancel one"));
        }
        cancellationToken.ThrowIfCancellationRequested();
        await submit(grains, job.JobId, tenant);
        return true;
    }
}
