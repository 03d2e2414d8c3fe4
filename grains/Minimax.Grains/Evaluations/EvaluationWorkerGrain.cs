using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Grains.Checkpoints;
using Minimax.Grains.Placement;
using Minimax.Engine.Training;
using Minimax.Grains.Runtime;
using Minimax.Grains.Tenants;
using Orleans.Serialization;
using Minimax.Grains.Cluster;

namespace Minimax.Grains.Evaluations;

/// <summary>
/// Scores completed runs' final models on one shard of an evaluation's data, on a tensor thread of its own
/// for the length of the call. Holds nothing between calls.
/// </summary>
[ShardSpreadPlacement]
[SiloRolePlacement(SiloRole.WorkerName)]
public sealed class EvaluationWorkerGrain(ICheckpointStore checkpoints, Serializer serializer, TenantDataRoots dataRoots, ParsedDataCache parsedData, WorkerThreadBudget threads) : Grain, IEvaluationWorkerGrain
{
    public async Task<ShardScores> ScoreAsync(EvaluationSpec spec, string tenant, int shard, int shardCount, IReadOnlyList<ScoredModel> models)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(models);
        if (shardCount < 1 || shard < 0 || shard >= shardCount)
        {
            throw new ArgumentOutOfRangeException(nameof(shard), $"shard {shard} of {shardCount} does not exist");
        }

        // Every model is checked against the spec before any data or parameters are read.
        var indices = models.Select(model => IndexOf(spec, model)).ToArray();
        var roots = dataRoots.For(tenant);
        using var thread = new TensorThread($"evaluation {this.GetPrimaryKeyString()}");
        // A worker of the silo while it scores: it shares the cores with the training workers.
        using var share = threads.Join();
        using var scorer = await thread.RunAsync<IShardScorer>(() => spec.Data.IsText
            ? new LanguageModelShardScorer(spec, roots, parsedData, shard, shardCount)
            : new TabularShardScorer(spec, roots, parsedData, shard, shardCount));
        var scores = new List<ModelScores>();
        for (var m = 0; m < models.Count; m++)
        {
            // One model's parameters at a time: read, scored, released.
            var field = $"models[{indices[m]}].run";
            var loaded = new LoadedModel(indices[m], models[m], await FinalModels.ReadAsync(checkpoints, serializer, models[m].RunId, field));
            scores.Add(await thread.RunAsync(() =>
            {
                IntraOpThreads.Use(threads.Threads);
                return scorer.Score(loaded);
            }));
        }

        return scorer.Result(scores);
    }

    private static int IndexOf(EvaluationSpec spec, ScoredModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var index = spec.Models.ToList().FindIndex(candidate => candidate.Name == model.Name);
        if (index < 0 || spec.Models[index].Run != model.RunId)
        {
            throw new ArgumentException($"models: '{model.Name}' with run '{model.RunId}' is not a run model of evaluation '{spec.Name}'");
        }

        if (model.Run.Data.IsText != spec.Data.IsText)
        {
            throw new ArgumentException(model.Run.Data.IsText
                ? $"models[{index}].run: run '{model.RunId}' is a language model of a text corpus, but data is a tabular test file"
                : $"models[{index}].run: run '{model.RunId}' is a classifier of tabular data, but data is a text corpus");
        }

        return index;
    }
}
