using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Tests;

/// <summary>ARCHITECTURE.md invariant: W workers give the weights and parameters of one, on the same global batch.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkerEquivalenceTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(ObjectiveKind.GroupDro, false)]
    [InlineData(ObjectiveKind.Reweighted, false)]
    [InlineData(ObjectiveKind.GroupDro, true)]
    public async Task One_and_four_workers_give_the_same_weights_every_step_and_the_same_parameters(ObjectiveKind objective, bool languageModelRecipe)
    {
        var data = TestData.WriteSpurious(trainRows: 403);
        var spec = TestData.Spec(data, objective, workers: 1, steps: 25, batchSize: 64, evalEvery: 10);
        if (languageModelRecipe)
        {
            // Clipping the summed gradient (active at 0.5), a cosine decay after warm-up and undecayed biases.
            spec = spec with
            {
                Training = spec.Training with
                {
                    MaxGradNorm = 0.5,
                    LrSchedule = new LrScheduleSpec { Kind = LrScheduleKind.Cosine },
                    Optimizer = spec.Training.Optimizer with { Warmup = 5, WeightDecay = 1e-2, NoDecay = NoDecayMode.On },
                },
            };
        }

        var (oneProgress, oneParameters) = await TrainAsync(spec);
        var (fourProgress, fourParameters) = await TrainAsync(spec with { Training = spec.Training with { Workers = 4 } });

        Assert.Equal(25, oneProgress.Count);
        Assert.Equal(25, fourProgress.Count);
        for (var step = 0; step < 25; step++)
        {
            var one = oneProgress[step].GroupWeights;
            var four = fourProgress[step].GroupWeights;
            for (var g = 0; g < one.Count; g++)
            {
                Assert.True(Math.Abs(one[g] - four[g]) <= 1e-5, $"step {step + 1} group {g}: {one[g]} vs {four[g]}");
            }
        }
        Assert.Equal(oneParameters.Length, fourParameters.Length);
        var largest = 0.0;
        for (var i = 0; i < oneParameters.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(oneParameters[i] - fourParameters[i]));
        }
        Assert.True(largest <= 1e-5, $"largest parameter difference {largest}");
        if (objective == ObjectiveKind.GroupDro)
        {
            var moved = oneProgress[^1].GroupWeights.Max(w => Math.Abs(w - 0.25));
            Assert.True(moved > 0.01, $"Group DRO weights should have moved from uniform: {string.Join(", ", oneProgress[^1].GroupWeights)}");
        }
    }

    [Fact]
    public async Task The_same_seed_reproduces_a_run_bit_for_bit_and_another_seed_does_not()
    {
        var data = TestData.WriteSpurious(trainRows: 300);
        var spec = TestData.Spec(data, ObjectiveKind.GroupDro, workers: 2, steps: 15);

        var (_, first) = await TrainAsync(spec);
        var (_, again) = await TrainAsync(spec);
        var (_, other) = await TrainAsync(spec with { Seed = spec.Seed + 1 });

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    private async Task<(List<ProgressRecord> Progress, float[] Parameters)> TrainAsync(RunSpec spec)
    {
        var runId = $"equiv-{Guid.NewGuid():N}";
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);
        await run.SubmitAsync(spec, "local");
        var (snapshot, progress) = await RunWatcher.UntilTerminalAsync(run, TimeSpan.FromSeconds(90));
        Assert.Equal(JobStatus.Completed, snapshot.Status);
        var parameters = await fixture.Grains.GetGrain<ICoordinatorGrain>(runId).GetParametersAsync();
        return (progress, parameters!.Span.ToArray());
    }
}
