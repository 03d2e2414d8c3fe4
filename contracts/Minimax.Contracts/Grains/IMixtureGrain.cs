using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Grains;

/// <summary>
/// A DoReMi mixture job (job kind doremi, ALGORITHMS.md §2c): owns its stage runs (reference, proxy, then
/// main and baseline), the averaged domain weights of each round and the comparison. Key: job id.
/// </summary>
[Alias("minimax.IMixtureGrain")]
public interface IMixtureGrain : IJobGrain
{
    /// <summary>
    /// Starts the job owned by <paramref name="tenant"/>; a second submit returns the existing job unchanged.
    /// Its stage runs run under the job's own place under the tenant's concurrent-jobs limit.
    /// </summary>
    [Alias("Submit")] Task<MixtureSnapshot> SubmitAsync(MixtureSpec spec, string tenant);

    [Alias("GetSnapshot")] Task<MixtureSnapshot> GetSnapshotAsync();

    /// <summary>Cancels the job and every stage run it started.</summary>
    [Alias("Cancel")] Task<MixtureSnapshot> CancelAsync();
}
