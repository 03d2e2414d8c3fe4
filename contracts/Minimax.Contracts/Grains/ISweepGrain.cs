using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Grains;

/// <summary>
/// A hyperparameter sweep (job kind sweep): owns its trials, ordinary runs with the sweep as their parent,
/// at most <see cref="SweepSpec.Parallel"/> at once, and aggregates them per configuration. Key: job id.
/// </summary>
[Alias("minimax.ISweepGrain")]
public interface ISweepGrain : IJobGrain
{
    /// <summary>
    /// Starts the sweep owned by <paramref name="tenant"/>; a second submit returns the existing job unchanged.
    /// Its trials run under the sweep's own place under the tenant's concurrent-jobs limit.
    /// </summary>
    [Alias("Submit")] Task<SweepSnapshot> SubmitAsync(SweepSpec spec, string tenant);

    [Alias("GetSnapshot")] Task<SweepSnapshot> GetSnapshotAsync();
}
