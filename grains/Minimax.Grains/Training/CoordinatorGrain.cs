using System.Diagnostics;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Metrics;
using Minimax.Engine.Models;
using Minimax.Engine.Objectives;
using Minimax.Engine.Sampling;
using Minimax.Engine.Training;
using Minimax.Grains.Runtime;
using TorchSharp;

namespace Minimax.Grains.Training;

/// <summary>
/// Drives a run's two-phase step (ARCHITECTURE.md): workers forward and return per-group sums, the
/// weight rule turns the merged sums into loss coefficients, workers back-propagate, and one
/// optimizer step on the coordinator's parameters produces the next parameters for every worker.
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
        using var thread = new TensorThread($"coordinator {runId}");
        Mlp? model = null;
        torch.optim.Optimizer? optimizer = null;
        try
        {
            var shards = await Task.WhenAll(workers.Select((worker, shard) => worker.InitializeAsync(spec, shard, workerCount)));
            var layout = new ShardLayout(shards);
            var first = shards[0];

            var initial = await thread.RunAsync(() =>
            {
                model = spec.Model.CreateModel(first.FeatureCount, first.ClassCount);
                var values = ParameterVector.Initialize(model, (ulong)spec.Seed);
                optimizer = OptimizerFactory.Create(spec.Training.Optimizer.ToOptimizerOptions(), model.parameters());
                return FlatTensor.From(values);
            });

            var rule = CreateRule(spec.Objective, first.GroupCount, first.TrainGroupCounts);
            var mode = spec.Objective.Kind == ObjectiveKind.Reweighted || spec.Objective.BalancedSampling
                ? SamplingMode.InverseGroupFrequency
                : SamplingMode.Shuffle;
            var sampler = new BatchSampler(layout.TrainGroups, spec.Training.BatchSize, mode, SamplerSeed(spec.Seed));
            var totalSteps = spec.Training.Steps ?? spec.Training.Epochs!.Value * sampler.StepsPerEpoch;

            await run.MarkRunningAsync(first.TrainGroupCounts);

            var parameters = initial;
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

                var statistics = await Task.WhenAll(active.Select(shard => workers[shard].ForwardAsync(parameters, rows[shard])));
                var (lossSums, counts) = Merge(statistics, first.GroupCount);
                var coefficients = rule.LossCoefficients(lossSums, counts);
                var gradients = await Task.WhenAll(active.Select(shard => workers[shard].BackwardAsync(coefficients)));
                parameters = await thread.RunAsync(() => OptimizerStep(model!, optimizer!, gradients));
                _parameters = parameters;
                stepSeconds.Add(clock.Elapsed.TotalSeconds);

                if (step % spec.Training.EvalEvery == 0 || step == totalSteps)
                {
                    latestVal = await EvaluateAsync(workers, parameters, EvaluationSplit.Val, step, first.TrainGroupCounts);
                    selection.Offer(step, parameters, latestVal);
                }

                var trainLoss = 0.0;
                for (var g = 0; g < coefficients.Length; g++)
                {
                    trainLoss += coefficients[g] * lossSums[g];
                }
                await run.ReportProgressAsync(new ProgressRecord(
                    step,
                    totalSteps,
                    sampler.Epoch,
                    trainLoss,
                    GroupDro.GroupMeans(lossSums, counts),
                    (double[])rule.Weights.Clone(),
                    latestVal,
                    clock.Elapsed.TotalSeconds));
            }

            if (_cancelReason is not null)
            {
                await run.MarkCancelledAsync(_cancelReason);
                return;
            }

            var (bestStep, bestParameters, bestVal) = selection.Selected(step, parameters, latestVal);
            var test = await EvaluateAsync(workers, bestParameters, EvaluationSplit.Test, bestStep, first.TrainGroupCounts);
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
            await thread.RunAsync(() =>
            {
                optimizer?.Dispose();
                model?.Dispose();
            });
            await Task.WhenAll(workers.Select(worker => worker.ReleaseAsync()));
            _loop = null;
            // Back to normal idle collection; the last parameters stay readable until then.
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    private static IGroupWeightRule CreateRule(ObjectiveSpec objective, int groups, long[] trainCounts) =>
        objective.Kind == ObjectiveKind.GroupDro
            ? new GroupDroRule(groups, objective.StepSize, objective.GeneralizationAdjustment, trainCounts, objective.NormalizeLoss)
            : new ErmRule(groups);

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

    // Runs on the tensor thread: the summed gradient is exactly the single-process gradient.
    private static FlatTensor OptimizerStep(Mlp model, torch.optim.Optimizer optimizer, FlatTensor[] gradients)
    {
        var total = gradients[0].Span.ToArray();
        for (var w = 1; w < gradients.Length; w++)
        {
            var shard = gradients[w].Span;
            for (var i = 0; i < total.Length; i++)
            {
                total[i] += shard[i];
            }
        }
        ParameterVector.WriteGradients(model, total);
        using (torch.no_grad())
        {
            optimizer.step();
        }
        return FlatTensor.From(ParameterVector.Read(model));
    }

    private static async Task<SplitMetricsRecord> EvaluateAsync(
        IWorkerGrain[] workers, FlatTensor parameters, EvaluationSplit split, int step, long[] trainCounts)
    {
        var tallies = await Task.WhenAll(workers.Select(worker => worker.EvaluateAsync(parameters, split)));
        var merged = new GroupTally(trainCounts.Length);
        foreach (var tally in tallies)
        {
            merged.Add(new GroupTally(tally.Counts, tally.Correct, tally.LossSums));
        }
        return MetricsRecords.From(SplitMetrics.From(merged, trainCounts), step);
    }
}
