using Minimax.Contracts.Grains;

namespace Minimax.Grains.Evaluations;

/// <summary>
/// Scores an evaluation's models on one shard of its data, one model at a time (so a worker holds one
/// model's parameters at once). Created and used only on the worker's tensor thread; disposing it lets go of
/// the data it shares with the silo's other evaluation workers.
/// </summary>
internal interface IShardScorer : IDisposable
{
    ModelScores Score(LoadedModel model);

    ShardScores Result(IReadOnlyList<ModelScores> models);
}
