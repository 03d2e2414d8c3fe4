using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Grains.Evaluations;

/// <summary>
/// An evaluation job (job kind evaluation): scores models on one dataset with worker grains over data shards,
/// merges their per-group counts and compares the models group by group. Key: job id.
/// </summary>
[Alias("minimax.IEvaluationGrain")]
public interface IEvaluationGrain : IJobGrain
{
    /// <summary>Starts the job owned by <paramref name="tenant"/>; a second submit returns the existing job unchanged.</summary>
    [Alias("Submit")] Task<EvaluationSnapshot> SubmitAsync(EvaluationSpec spec, string tenant);

    [Alias("GetSnapshot")] Task<EvaluationSnapshot> GetSnapshotAsync();
}
