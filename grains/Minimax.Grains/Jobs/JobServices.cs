using Microsoft.Extensions.Options;

namespace Minimax.Grains.Jobs;

/// <summary>What the shared job lifecycle needs from the silo, injected once into every kind's grain.</summary>
public sealed class JobServices(JobDocuments documents, IOptions<JobRecoveryOptions> recovery)
{
    public JobDocuments Documents => documents;

    public JobRecoveryOptions Recovery => recovery.Value;
}
