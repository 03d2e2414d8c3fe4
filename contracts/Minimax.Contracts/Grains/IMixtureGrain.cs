using Orleans.Concurrency;
using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Grains;

/// <summary>
/// A DoReMi mixture job (ALGORITHMS.md §2c): owns its stage runs (reference, proxy, then main and
/// baseline), the averaged domain weights of each round and the comparison. Key: job id ("mix-...").
/// </summary>
[Alias("minimax.IMixtureGrain")]
public interface IMixtureGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the job owned by <paramref name="tenant"/>; a second submit returns the existing job unchanged.
    /// Each stage run waits for a place under the tenant's <paramref name="maxConcurrentRuns"/> before it starts.
    /// </summary>
    [Alias("Submit")] Task<MixtureSnapshot> SubmitAsync(MixtureSpec spec, string tenant, int maxConcurrentRuns);

    [Alias("GetSnapshot")] Task<MixtureSnapshot> GetSnapshotAsync();

    /// <summary>The snapshot once its version is past <paramref name="afterVersion"/>, or after <paramref name="maxWait"/>.</summary>
    [Alias("Watch"), AlwaysInterleave] Task<MixtureSnapshot> WatchAsync(int afterVersion, TimeSpan maxWait);

    /// <summary>Cancels the job and every stage run it started.</summary>
    [Alias("Cancel")] Task<MixtureSnapshot> CancelAsync();
}
