using System.Diagnostics;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Metrics;
using Minimax.Engine.Objectives;
using Minimax.Engine.Sampling;

namespace Minimax.Grains.Training;

/// <summary>
/// Drives a run's two-phase step (ARCHITECTURE.md): workers forward and return per-group sums, the
/// weight rule turns the merged sums into loss coefficients, workers back-propagate, and every
/// worker applies the same summed gradient with the same optimizer, so replicas stay identical.
/// The loop runs as a background task on this activation, so Cancel interleaves between awaits.
/// </summary>
public sealed class CoordinatorGrain : Grain, ICoordinatorGrain
{
    private Task? _loop;
    private string? _cancelReason;
    private FlatTensor? _parameters;

    public Task StartAsync(RunSpec spec)
    {
        if (_loop is null)
        {
            // Keep the activation while the loop runs; it receives no calls of its own meanwhile.
            DelayDeactivation(TimeSpan.FromDays(30));
            _loop = RunAsync(spec);
        }
        return Task.CompletedTask;
    }

    public Task CancelAsync()
    {
        _cancelReason ??= "cancelled by request";
        return Task.CompletedTask;
    }

    public Task<FlatTensor?> GetParametersAsync() => Task.FromResult(_parameters);

    private async Task RunAsync(RunSpec spec)
    {
        var runId = this.GetPrimaryKeyString();
        var run = GrainFactory.GetGrain<IRunGrain>(runId);
        var workerCount = spec.Training.Workers;
        var workers = Enumerable.Range(0, workerCount)
            .Select(shard => GrainFactory.GetGrain<IWorkerGrain>($"{runId}/{shard}"))
            .ToArray();
        try
        {
            var shards = await Task.WhenAll(workers.Select((worker, shard) => worker.InitializeAsync(spec, shard, workerCount)));
            var layout = new ShardLayout(shards);
            var first = shards[0];
            var rule = CreateRule(spec.Objective, first.GroupCount, first.TrainGroupCounts);
            var mode = spec.Objective.Kind == ObjectiveKind.Reweighted || spec.Objective.BalancedSampling
                ? SamplingMode.InverseGroupFrequency
                : SamplingMode.Shuffle;
            var sampler = new BatchSampler(layout.TrainGroups, spec.Training.BatchSize, mode, SamplerSeed(spec.Seed));
            var totalSteps = spec.Training.Steps ?? spec.Training.Epochs!.Value * sampler.StepsPerEpoch;

            await run.MarkRunningAsync(first.TrainGroupCounts);

            var stepSeconds = new List<double>(totalSteps);
            var selection = new ModelSelection(spec.Training.SelectBy);
            SplitMetricsRecord? latestVal = null;
            var step = 0;
            while (step < totalSteps && _cancelReason is null)
            {
                step++;
                var clock = Stopwatch.StartNew();
                var rows = layout.Split(sampler.NextBatch());
                var active = Enumerable.Range(0, workerCount).Where(shard => rows[shard].Length > 0).ToArray();

                // Phase 1: forward; only per-group sums and counts come back.
                var statistics = await Task.WhenAll(active.Select(shard => workers[shard].ForwardAsync(rows[shard])));
                // Phase 2: the weight rule sees the merged batch, exactly as a single process would.
                var (lossSums, counts) = Merge(statistics, first.GroupCount);
                var coefficients = rule.LossCoefficients(lossSums, counts);
                // Phases 3 and 4: backward, sum the gradients, one identical optimizer step everywhere.
                await StepAsync(workers, active, coefficients);
                stepSeconds.Add(clock.Elapsed.TotalSeconds);

                if (step % spec.Training.EvalEvery == 0 || step == totalSteps)
                {
                    latestVal = await EvaluateAsync(workers, EvaluationSplit.Val, step, first.TrainGroupCounts);
                    if (selection.Improves(latestVal))
                    {
                        selection.Keep(step, await workers[0].GetParametersAsync(), latestVal);
                    }
                }

                await run.ReportProgressAsync(new ProgressRecord(
                    step,
                    totalSteps,
                    sampler.Epoch,
                    RobustLoss(coefficients, lossSums),
                    GroupDro.GroupMeans(lossSums, counts),
                    (double[])rule.Weights.Clone(),
                    latestVal,
                    clock.Elapsed.TotalSeconds));
            }

            _parameters = await workers[0].GetParametersAsync();
            if (_cancelReason is not null)
            {
                await run.MarkCancelledAsync(_cancelReason);
                return;
            }

            var (bestStep, bestParameters, bestVal) = selection.Selected(step, _parameters, latestVal);
            if (!ReferenceEquals(bestParameters, _parameters))
            {
                await Task.WhenAll(workers.Select(worker => worker.LoadParametersAsync(bestParameters)));
            }
            var test = await EvaluateAsync(workers, EvaluationSplit.Test, bestStep, first.TrainGroupCounts);
            stepSeconds.Sort();
            await run.CompleteAsync(new RunResult(
                step,
                bestStep,
                bestVal,
                test,
                (double[])rule.Weights.Clone(),
                first.TrainGroupCounts,
                stepSeconds.Count == 0 ? 0 : stepSeconds[stepSeconds.Count / 2]));
        }
        catch (Exception exception)
        {
            await run.FailAsync(FailureReason.Describe(exception));
        }
        finally
        {
            await Task.WhenAll(workers.Select(worker => worker.ReleaseAsync()));
            _loop = null;
            // Back to normal idle collection; the last parameters stay readable until then.
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    private static async Task StepAsync(IWorkerGrain[] workers, int[] active, double[] coefficients)
    {
        if (workers.Length == 1)
        {
            // One replica: its own gradient is the sum, so it never leaves the worker.
            await workers[0].BackwardAsync(coefficients, returnGradient: false);
            await workers[0].StepAsync(null);
            return;
        }
        var gradients = await Task.WhenAll(active.Select(shard => workers[shard].BackwardAsync(coefficients, returnGradient: true)));
        var summed = FlatTensor.Sum(gradients.Select(gradient => gradient!).ToArray());
        await Task.WhenAll(workers.Select(worker => worker.StepAsync(summed)));
    }

    private static double RobustLoss(double[] coefficients, double[] lossSums)
    {
        var loss = 0.0;
        for (var g = 0; g < coefficients.Length; g++)
        {
            loss += coefficients[g] * lossSums[g];
        }
        return loss;
    }

    private static IGroupWeightRule CreateRule(ObjectiveSpec objective, int groups, long[] trainCounts)
    {
        if (objective.Kind != ObjectiveKind.GroupDro)
        {
            return new ErmRule(groups);
        }
        var adjustment = objective.GeneralizationAdjustment;
        if (adjustment.Count != 1 && adjustment.Count != groups)
        {
            // Only the data tell how many groups there are, so this is checked when the run starts.
            throw new ArgumentException(
                $"objective.generalization_adjustment: needs one value or one per group ({groups} groups), not {adjustment.Count}");
        }
        return new GroupDroRule(groups, objective.StepSize, adjustment, trainCounts, objective.NormalizeLoss);
    }

    private static ulong SamplerSeed(int seed) => unchecked(((ulong)seed * 0x9E3779B97F4A7C15UL) ^ 0x5DEECE66DUL);

    private static (double[] LossSums, long[] Counts) Merge(GroupLossStatistics[] statistics, int groups)
    {
        var sums = new double[groups];
        var counts = new long[groups];
        foreach (var shard in statistics)
        {
            for (var g = 0; g < groups; g++)
            {
                sums[g] += shard.LossSums[g];
                counts[g] += shard.Counts[g];
            }
        }
        return (sums, counts);
    }

    private static async Task<SplitMetricsRecord> EvaluateAsync(
        IWorkerGrain[] workers, EvaluationSplit split, int step, long[] trainCounts)
    {
        var tallies = await Task.WhenAll(workers.Select(worker => worker.EvaluateAsync(split)));
        var merged = new GroupTally(trainCounts.Length);
        foreach (var tally in tallies)
        {
            merged.Add(new GroupTally(tally.Counts, tally.Correct, tally.LossSums));
        }
        return MetricsRecords.From(SplitMetrics.From(merged, trainCounts), step);
    }
}
