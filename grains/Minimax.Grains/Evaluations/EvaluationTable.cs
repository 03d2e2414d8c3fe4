using Minimax.Contracts.Grains;

namespace Minimax.Grains.Evaluations;

/// <summary>
/// An evaluation's data after scoring, merged over the worker shards: every row's label, group, id and
/// class, and per model its per-group tallies and (tabular data) each row's correctness.
/// </summary>
internal sealed record EvaluationTable(int GroupCount, IReadOnlyList<string> GroupNames, int[] Labels, int[] Groups, string[] Ids, string[]? Classes)
{
    public bool HasRows => Labels.Length > 0;

    /// <summary>Concatenates shards (ordered by first row); text corpora have no rows, only group names.</summary>
    public static EvaluationTable Merge(IReadOnlyList<ShardScores> shards)
    {
        var ordered = shards.OrderBy(shard => shard.FirstRow).ToArray();
        var groupCount = ordered.Max(shard => shard.GroupCount);
        var names = ordered.Select(shard => shard.GroupNames).FirstOrDefault(names => names is { Count: > 0 })
            ?? [.. Enumerable.Range(0, groupCount).Select(g => g.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var classes = ordered.All(shard => shard.Classes is not null) ? ordered.SelectMany(shard => shard.Classes!).ToArray() : null;
        return new EvaluationTable(
            groupCount,
            names,
            [.. ordered.SelectMany(shard => shard.Labels)],
            [.. ordered.SelectMany(shard => shard.Groups)],
            [.. ordered.SelectMany(shard => shard.ExampleIds)],
            classes);
    }
}

/// <summary>One model's merged scores: per-group sums (ALGORITHMS.md §8) and, for paired tests, each row's correctness.</summary>
internal sealed record ModelTally(
    string Name,
    string Source,
    long[] Counts,
    long[] Correct,
    double[] LossSums,
    bool[]? RowCorrect,
    long[] Abstentions,
    long AbstainedErrors)
{
    /// <summary>Sums the shards' tallies (never their accuracies) and concatenates their predictions in row order.</summary>
    public static ModelTally FromShards(string name, string source, EvaluationTable table, IReadOnlyList<(ShardScores Shard, ModelScores Scores)> shards)
    {
        var counts = new long[table.GroupCount];
        var correct = new long[table.GroupCount];
        var losses = new double[table.GroupCount];
        foreach (var (_, scores) in shards)
        {
            for (var g = 0; g < scores.Tally.Counts.Length; g++)
            {
                counts[g] += scores.Tally.Counts[g];
                correct[g] += scores.Tally.Correct[g];
                losses[g] += scores.Tally.LossSums[g];
            }
        }
        bool[]? rows = null;
        if (table.HasRows)
        {
            rows = new bool[table.Labels.Length];
            foreach (var (shard, scores) in shards)
            {
                for (var i = 0; i < scores.Predictions!.Length; i++)
                {
                    rows[shard.FirstRow + i] = scores.Predictions[i] == shard.Labels[i];
                }
            }
        }
        return new ModelTally(name, source, counts, correct, losses, rows, new long[table.GroupCount], 0);
    }

    /// <summary>A predictions file's model: tallies from its aligned predictions, abstentions from its responses.</summary>
    public static ModelTally FromPredictions(string name, string source, EvaluationTable table, int[] predictions, Func<int, bool> abstained)
    {
        var counts = new long[table.GroupCount];
        var correct = new long[table.GroupCount];
        var abstentions = new long[table.GroupCount];
        var rows = new bool[predictions.Length];
        long abstainedErrors = 0;
        for (var i = 0; i < predictions.Length; i++)
        {
            var g = table.Groups[i];
            rows[i] = predictions[i] == table.Labels[i];
            counts[g]++;
            correct[g] += rows[i] ? 1 : 0;
            if (abstained(i))
            {
                abstentions[g]++;
                abstainedErrors += rows[i] ? 0 : 1;
            }
        }
        return new ModelTally(name, source, counts, correct, new double[table.GroupCount], rows, abstentions, abstainedErrors);
    }
}
