using System.Globalization;
using Minimax.Contracts.Specs;
using Minimax.Engine.Sampling;
using Minimax.Grains.Training.Objectives;

namespace Minimax.Grains.Training;

/// <summary>
/// How often each training group is expected in a batch, and the run's warnings about groups expected less than
/// once: batch_size * p_g, with p_g = n_g / N under plain shuffling and 1 / G (the non-empty groups) under
/// group-balanced sampling. A group absent from a batch enters Group DRO's update with loss 0 and its weight
/// falls (ALGORITHMS.md, GDRO-5); objectives that do not weigh group losses get no warnings.
/// </summary>
public static class GroupCoverage
{
    /// <summary>At most this many groups are named; a last line counts the others, so a run's state stays small.</summary>
    public const int MaxNamedGroups = 8;

    /// <summary>
    /// The expected count of each group in one batch of a tabular run: empty groups are never drawn (0). A batch
    /// holds at most the whole training split.
    /// </summary>
    public static double[] ExpectedPerBatch(SamplingMode mode, int batchSize, IReadOnlyList<long> trainGroupCounts)
    {
        var total = trainGroupCounts.Sum();
        var present = trainGroupCounts.Count(count => count > 0);
        var batch = (double)Math.Min(batchSize, total);
        return trainGroupCounts
            .Select(count => count <= 0 ? 0 : mode == SamplingMode.Shuffle ? batch * count / total : batch / present)
            .ToArray();
    }

    /// <summary>
    /// One line per non-empty group expected less than once per batch (the first <see cref="MaxNamedGroups"/>,
    /// then a count of the rest), naming its expected count and the fix; none for a text corpus, whose batches
    /// follow its domain mixture.
    /// </summary>
    public static IReadOnlyList<string> Warnings(RunSpec spec, IReadOnlyList<long> trainGroupCounts)
    {
        var objective = ObjectiveRegistry.For(spec.Objective.Kind);
        if (spec.Data.IsText || !objective.WeighsGroupLosses || trainGroupCounts.Sum() <= 0)
        {
            return [];
        }
        var mode = objective.TabularSampling(spec.Objective);
        var expected = ExpectedPerBatch(mode, spec.Training.BatchSize, trainGroupCounts);
        var rare = Enumerable.Range(0, expected.Length).Where(g => trainGroupCounts[g] > 0 && expected[g] < 1).ToArray();
        if (rare.Length == 0)
        {
            return [];
        }
        var fix = mode == SamplingMode.Shuffle
            ? "set objective.balanced_sampling: true or a larger training.batch_size"
            : "set a larger training.batch_size";
        var how = mode == SamplingMode.Shuffle
            ? "batch_size x n_g / N under plain shuffling"
            : "batch_size / groups under group-balanced sampling";
        var lines = rare.Take(MaxNamedGroups)
            .Select(g => string.Create(
                CultureInfo.InvariantCulture,
                $"group {g} is expected {expected[g]:0.###} times per batch of {spec.Training.BatchSize} ({how}): batches without it count its loss as 0 and lower its weight; {fix}"))
            .ToList();
        if (rare.Length > MaxNamedGroups)
        {
            lines.Add($"{rare.Length - MaxNamedGroups} more groups are expected less than once per batch; {fix}");
        }
        return lines;
    }
}
