using Microsoft.Extensions.Logging;
using Minimax.Contracts.Grains.Jobs;

namespace Minimax.Grains.Jobs;

/// <summary>Puts a job on its tenant's list (<see cref="IJobRegistryGrain"/>), best effort.</summary>
internal static class JobListing
{
    /// <summary>False when the registry could not be reached or written; the caller tries again later.</summary>
    public static async Task<bool> TryAddAsync(IGrainFactory grains, string tenant, JobEntry job, ILogger logger)
    {
        try
        {
            await grains.GetGrain<IJobRegistryGrain>(tenant).AddAsync(job);
            return true;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "{Kind} job {JobId}: not yet listed for its tenant; the next resume check lists it", job.Kind, job.JobId);
            return false;
        }
    }
}
