using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Sweeps;

/// <summary>Mean and sample standard deviation (n - 1; 0 for one value) of the finite values.</summary>
public sealed record MeanSd(double Mean, double Sd, int N)
{
    /// <summary>Null when no value is finite.</summary>
    public static MeanSd? Of(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return null;
        }
        var mean = finite.Average();
        var sd = finite.Length > 1 ? Math.Sqrt(finite.Sum(value => (value - mean) * (value - mean)) / (finite.Length - 1)) : 0;
        return new MeanSd(mean, sd, finite.Length);
    }
}

/// <summary>A configuration's metrics over its completed trials (the layout of the papers' tables).</summary>
public sealed record SweepAggregates(
    MeanSd? ValWorstGroupAccuracy,
    MeanSd? ValAverageAccuracy,
    MeanSd? TestAverageAccuracy,
    MeanSd? TestTrainWeightedAccuracy,
    MeanSd? TestWorstGroupAccuracy,
    MeanSd? ValAverageLoss)
{
    public static SweepAggregates Of(IReadOnlyList<SweepTrialMetrics> trials) => new(
        MeanSd.Of(trials.Select(t => t.ValWorstGroupAccuracy)),
        MeanSd.Of(trials.Select(t => t.ValAverageAccuracy)),
        MeanSd.Of(trials.Select(t => t.TestAverageAccuracy)),
        MeanSd.Of(trials.Select(t => t.TestTrainWeightedAccuracy)),
        MeanSd.Of(trials.Select(t => t.TestWorstGroupAccuracy)),
        MeanSd.Of(trials.Select(t => t.ValAverageLoss)));

    public MeanSd? Of(SweepMetric metric) => metric switch
    {
        SweepMetric.ValWorstGroupAccuracy => ValWorstGroupAccuracy,
        SweepMetric.ValAverageAccuracy => ValAverageAccuracy,
        SweepMetric.ValAverageLoss => ValAverageLoss,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}

public sealed record SweepRow(SweepConfigurationSpec Configuration, IReadOnlyList<SweepTrialRecord> Trials, SweepAggregates Aggregates, bool Selected);

/// <summary>
/// A sweep's report table: one row per configuration with its trials and their aggregates, and the
/// selected configuration, the best mean of the spec's metric (the highest accuracy, the lowest loss;
/// the first of equals) among configurations with a completed trial.
/// </summary>
public static class SweepTable
{
    public static IReadOnlyList<SweepRow> Build(string jobId, SweepSpec spec, IReadOnlyList<SweepTrialRecord> recorded)
    {
        var records = SweepTrials.Records(jobId, spec, recorded);
        var rows = spec.Configurations.Select((configuration, c) =>
        {
            var trials = records.Where(record => record.Configuration == c).ToArray();
            var completed = trials.Where(t => t.Status == JobStatus.Completed && t.Metrics is not null).Select(t => t.Metrics!).ToArray();
            return new SweepRow(configuration, trials, SweepAggregates.Of(completed), false);
        }).ToArray();
        var selected = Select(rows, spec.Metric);
        return selected is { } index ? [.. rows.Select((row, r) => r == index ? row with { Selected = true } : row)] : rows;
    }

    private static int? Select(IReadOnlyList<SweepRow> rows, SweepMetric metric)
    {
        var lowerIsBetter = SweepMetrics.LowerIsBetter(metric);
        int? best = null;
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Aggregates.Of(metric) is not { } candidate)
            {
                continue;
            }
            var incumbent = best is { } b ? rows[b].Aggregates.Of(metric)!.Mean : double.NaN;
            if (best is null || (lowerIsBetter ? candidate.Mean < incumbent : candidate.Mean > incumbent))
            {
                best = r;
            }
        }
        return best;
    }
}
