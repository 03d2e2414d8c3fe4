using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Engine.Files;
using Minimax.Engine.Metrics;
using Minimax.Grains.Training;

namespace Minimax.Grains.Evaluations;

/// <summary>
/// Scores MLP runs on one shard of an evaluation's test file, each through the feature pipeline it trained
/// with: its feature columns (or the spec's, in their places) and its training split's scaling.
/// </summary>
internal sealed class TabularShardScorer : IShardScorer
{
    private readonly EvaluationSpec spec;
    private readonly DataRoots roots;
    private readonly TabularTestSet test;
    private readonly int start;
    private readonly int count;

    public TabularShardScorer(EvaluationSpec spec, DataRoots roots, int shard, int shardCount)
    {
        this.spec = spec;
        this.roots = roots;
        test = EvaluationData.Read(() => TabularTestSet.Read(spec.Data.ToTestOptions(spec.CommonCounter?.Class, roots)), spec);
        (start, count) = EngineOptions.ShardRange(test.Count, shard, shardCount);
    }

    public ModelScores Score(LoadedModel loaded)
    {
        var run = loaded.Model;
        FeatureLayout layout;
        try
        {
            layout = TabularDatasetReader.ReadLayout(run.Run.Data.ToDataOptions(roots));
        }
        catch (DataException e)
        {
            throw new ArgumentException($"{loaded.Field}: the training data of run '{run.RunId}' fixes its features and cannot be read: {e.Message}");
        }

        var columns = spec.Data.Features.Count > 0 ? spec.Data.Features : layout.Features;
        if (columns.Count != layout.Features.Count)
        {
            throw new ArgumentException(
                $"{loaded.Field}: run '{run.RunId}' was trained on {layout.Features.Count} features ({string.Join(", ", layout.Features)}), but data.features names {columns.Count}");
        }

        if (test.ClassCount > layout.ClassCount)
        {
            throw new ArgumentException(
                $"{loaded.Field}: run '{run.RunId}' predicts {layout.ClassCount} classes, but data.label holds class {test.ClassCount - 1}");
        }

        TabularSplit split;
        try
        {
            split = test.Split(layout, columns).Slice(start, count);
        }
        catch (DataException e)
        {
            throw new ArgumentException($"{loaded.Field}: run '{run.RunId}' takes the features {string.Join(", ", columns)}; data.test: {e.Message}");
        }

        using var model = run.Run.Model.CreateModel(layout.Features.Count, layout.ClassCount);
        loaded.LoadInto(model);
        var scored = count == 0 ? new ScoredSplit(new GroupTally(test.GroupCount), [], []) : Evaluator.Score(model, split, test.GroupCount);
        return new ModelScores(run.Name, new GroupTallyRecord(scored.Tally.Counts, scored.Tally.Correct, scored.Tally.LossSums), scored.Predictions);
    }

    public ShardScores Result(IReadOnlyList<ModelScores> models) => new(
        start,
        test.GroupCount,
        test.Labels.AsSpan(start, count).ToArray(),
        test.Groups.AsSpan(start, count).ToArray(),
        test.Ids.AsSpan(start, count).ToArray(),
        models,
        test.Classes?.AsSpan(start, count).ToArray());
}
