using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Minimax.Contracts.Grains;

namespace Minimax.Grains.Telemetry;

/// <summary>
/// The latest per-group values of the runs this silo coordinates, read by the per-job gauges when metrics are
/// collected. A run is added when a training session starts and removed when its coordinator loop ends, so a
/// finished job exports nothing.
/// </summary>
public static class LiveRuns
{
    private static readonly ConcurrentDictionary<string, RunSeries> Runs = new();

    /// <summary>The series of run <paramref name="runId"/>, exporting at most Telemetry:MaxGroupsPerJob groups.</summary>
    public static RunSeries Start(string runId, int groupCount, IReadOnlyList<string>? groupNames)
    {
        var exported = Math.Min(groupCount, MinimaxMetrics.MaxGroupsPerJob);
        var tags = Enumerable.Range(0, exported)
            .Select(g => groupNames is not null && g < groupNames.Count ? groupNames[g] : g.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        var series = new RunSeries(runId, tags);
        Runs[runId] = series;
        return series;
    }

    public static void Remove(string runId) => Runs.TryRemove(runId, out _);

    internal static IEnumerable<Measurement<double>> GroupLosses() => PerGroup(series => series.Loss);

    internal static IEnumerable<Measurement<double>> GroupWeights() => PerGroup(series => series.Weights);

    internal static IEnumerable<Measurement<double>> Accuracies()
    {
        var measurements = new List<Measurement<double>>();
        foreach (var series in Runs.Values)
        {
            foreach (var (split, metrics) in series.Evaluations)
            {
                foreach (var group in metrics.Groups)
                {
                    if (group.Group < series.GroupTags.Length)
                    {
                        measurements.Add(new(group.Accuracy, new("job", series.RunId), new("group", series.GroupTags[group.Group]), new("split", split)));
                    }
                }
            }
        }
        return measurements;
    }

    internal static IEnumerable<Measurement<double>> WorstGroupAccuracies() =>
        Runs.Values
            .SelectMany(series => series.Evaluations.Select(evaluation =>
                new Measurement<double>(evaluation.Value.WorstGroupAccuracy, new("job", series.RunId), new("split", evaluation.Key))))
            .ToArray();

    private static List<Measurement<double>> PerGroup(Func<RunSeries, double[]?> values)
    {
        var measurements = new List<Measurement<double>>();
        foreach (var series in Runs.Values)
        {
            if (values(series) is not { } latest)
            {
                continue;
            }
            for (var g = 0; g < Math.Min(latest.Length, series.GroupTags.Length); g++)
            {
                measurements.Add(new(latest[g], new("job", series.RunId), new("group", series.GroupTags[g])));
            }
        }
        return measurements;
    }
}

/// <summary>One run's latest values; the session replaces whole arrays (it does not copy them), the gauges read them.</summary>
public sealed class RunSeries(string runId, string[] groupTags)
{
    private readonly ConcurrentDictionary<string, SplitMetricsRecord> _evaluations = new();

    public string RunId => runId;

    /// <summary>Tag values of the exported groups (the first Telemetry:MaxGroupsPerJob).</summary>
    public string[] GroupTags => groupTags;

    public double[]? Loss { get; private set; }

    public double[]? Weights { get; private set; }

    internal IReadOnlyDictionary<string, SplitMetricsRecord> Evaluations => _evaluations;

    public void Step(double[] groupLoss, double[] weights)
    {
        Loss = groupLoss;
        Weights = weights;
    }

    public void Evaluated(EvaluationSplit split, SplitMetricsRecord metrics) =>
        _evaluations[split.ToString().ToLowerInvariant()] = metrics;
}
