using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Training;

namespace Minimax.Grains.Tests;

/// <summary>Workers sum their gradients among themselves: the replicas stay bit-identical, and each sends the ring's bytes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkerExchangeTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Three_workers_stepping_on_their_own_rows_keep_bit_identical_parameters()
    {
        var data = TestData.WriteSpurious(trainRows: 300);
        var spec = TestData.Spec(data, ObjectiveKind.GroupDro, workers: 3, steps: 10);
        await WithThreeWorkersAsync(spec, async workers =>
        {
            var parameters = (await workers[0].GetParametersAsync()).Length;
            for (var step = 1; step <= 4; step++)
            {
                var outcomes = await StepAsync(workers, step, spec.Training.Optimizer.Lr);

                Assert.All(outcomes, outcome => Assert.True(outcome.Stepped));
                for (var shard = 0; shard < 3; shard++)
                {
                    var chunk = (int)((long)parameters * (shard + 1) / 3) - (int)((long)parameters * shard / 3);
                    Assert.Equal(((parameters - chunk) + 2L * chunk) * sizeof(float), outcomes[shard].BytesSent);
                    Assert.True(outcomes[shard].ExchangeSeconds > 0);
                    Assert.True(outcomes[shard].IntraOpThreads >= 1);
                }
            }
            var replicas = await Task.WhenAll(workers.Select(worker => worker.GetParametersAsync()));
            var before = new float[parameters];
            Assert.NotEqual(before, replicas[0].Span.ToArray());
            Assert.Equal(replicas[0].Bytes, replicas[1].Bytes);
            Assert.Equal(replicas[0].Bytes, replicas[2].Bytes);
        });
    }

    [Fact]
    public async Task Three_workers_clip_the_summed_gradient_to_max_grad_norm_and_stay_bit_identical()
    {
        const double MaxGradNorm = 0.01;
        var data = TestData.WriteSpurious(trainRows: 300);
        var spec = TestData.Spec(data, ObjectiveKind.GroupDro, workers: 3, steps: 10);
        // Plain SGD: a step moves the parameters by exactly lr times the clipped gradient.
        spec = spec with
        {
            Training = spec.Training with { MaxGradNorm = MaxGradNorm, Optimizer = spec.Training.Optimizer with { Momentum = 0, WeightDecay = 0 } },
        };
        var lr = spec.Training.Optimizer.Lr;
        await WithThreeWorkersAsync(spec, async workers =>
        {
            var initial = (await workers[0].GetParametersAsync()).Span.ToArray();
            Assert.All(await StepAsync(workers, 1, lr), outcome => Assert.True(outcome.Stepped));
            var first = (await workers[0].GetParametersAsync()).Span.ToArray();
            var moved = Math.Sqrt(initial.Zip(first, (a, b) => ((double)a - b) * (a - b)).Sum());
            Assert.True(Math.Abs(moved - lr * MaxGradNorm) <= 0.02 * lr * MaxGradNorm, $"the first step moved {moved}, not lr * max_grad_norm = {lr * MaxGradNorm}");

            for (var step = 2; step <= 4; step++)
            {
                Assert.All(await StepAsync(workers, step, lr), outcome => Assert.True(outcome.Stepped));
            }
            var replicas = await Task.WhenAll(workers.Select(worker => worker.GetParametersAsync()));
            Assert.Equal(replicas[0].Bytes, replicas[1].Bytes);
            Assert.Equal(replicas[0].Bytes, replicas[2].Bytes);
        });
    }

    private async Task WithThreeWorkersAsync(RunSpec spec, Func<IWorkerGrain[], Task> test)
    {
        var runId = $"exchange-{Guid.NewGuid():N}";
        var workers = Enumerable.Range(0, 3).Select(shard => fixture.Grains.GetGrain<IWorkerGrain>(WorkerKeys.For(runId, 1, shard))).ToArray();
        await Task.WhenAll(workers.Select((worker, shard) => worker.InitializeAsync(spec, "local", shard, 3)));
        try
        {
            await test(workers);
        }
        finally
        {
            await Task.WhenAll(workers.Select(worker => worker.ReleaseAsync()));
        }
    }

    // Different rows per worker: different local gradients, one summed gradient.
    private static async Task<StepOutcome[]> StepAsync(IWorkerGrain[] workers, int step, double learningRate)
    {
        await Task.WhenAll(workers.Select((worker, shard) => worker.ForwardAsync(Enumerable.Range(step * (shard + 1), 16).ToArray())));
        return await Task.WhenAll(workers.Select(worker => worker.BackwardAndStepAsync([0.01, 0.02, 0.03, 0.04], step, learningRate)));
    }

    [Fact]
    public async Task A_run_with_several_workers_reports_its_exchange_and_the_coordinator_carries_no_gradient()
    {
        var data = TestData.WriteSpurious(trainRows: 300);
        var spec = TestData.Spec(data, ObjectiveKind.Erm, workers: 2, steps: 6);
        var run = fixture.Grains.GetGrain<IRunGrain>($"exchange-run-{Guid.NewGuid():N}");
        await run.SubmitAsync(spec, "local");
        var (snapshot, _) = await RunWatcher.UntilTerminalAsync(run, TimeSpan.FromSeconds(90));

        Assert.Equal(JobStatus.Completed, snapshot.Status);
        var result = snapshot.Result!;
        var parameters = (await fixture.Grains.GetGrain<ICoordinatorGrain>(run.GetPrimaryKeyString()).GetParametersAsync())!.Length;
        // Two workers: each sends the other's half of its gradient and its own half's sum, P floats in all.
        Assert.InRange(result.GradientBytesPerStep, (long)parameters * sizeof(float), ((long)parameters + 1) * sizeof(float));
        Assert.True(result.MedianExchangeSeconds > 0);
        Assert.True(result.MedianExchangeSeconds < result.MedianStepSeconds);
        Assert.True(result.IntraOpThreads >= 1);
        // The coordinator's own time leaves out its waits on the workers, so it is a fraction of the step.
        Assert.True(result.MedianCoordinatorSeconds > 0);
        Assert.True(result.MedianCoordinatorSeconds < result.MedianStepSeconds);
    }
}
