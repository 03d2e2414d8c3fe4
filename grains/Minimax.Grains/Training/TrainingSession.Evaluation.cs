using Minimax.Contracts.Grains;
using Minimax.Engine.Metrics;
using Minimax.Grains.Telemetry;

namespace Minimax.Grains.Training;

/// <summary>A session's evaluations: every worker tallies its shard of a split, the coordinator merges the tallies.</summary>
public sealed partial class TrainingSession
{
    private async Task<SplitMetricsRecord> EvaluateAsync(EvaluationSplit split, int step)
    {
        using var span = MinimaxTracing.StartRunWork("evaluate", trace, runId, step);
        span?.SetTag("minimax.split", split == EvaluationSplit.Val ? "val" : "test");
        var tallies = await Task.WhenAll(_workers.Select(worker => worker.EvaluateAsync(split)));
        var merged = new GroupTally(_shape.GroupCount);
        foreach (var tally in tallies)
        {
            merged.Add(new GroupTally(tally.Counts, tally.Correct, tally.LossSums));
        }
        var metrics = MetricsRecords.From(SplitMetrics.From(merged, _shape.TrainGroupCounts), step);
        _series.Evaluated(split, metrics);
        return metrics;
    }
}
