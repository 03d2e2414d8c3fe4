using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Checkpoints;
using Minimax.Grains.Jobs;
using Minimax.Grains.Runs;

namespace Minimax.Grains.Tests;

/// <summary>A lost worker costs a replay from the last checkpoint, never a different result.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RecoveryTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.AdamW)]
    public async Task A_run_that_loses_a_worker_resumes_from_its_checkpoint_and_ends_as_an_uninterrupted_run(OptimizerKind optimizer)
    {
        var data = TestData.WriteSpurious(trainRows: 500);
        // Long enough that the run cannot end in the time between the watch seeing step 15 (events come in
        // batches of up to 100 ms) and the worker's release: with 40 steps it sometimes had, and nothing was lost.
        const int steps = 400;
        var spec = TestData.Spec(data, ObjectiveKind.GroupDro, workers: 2, steps: steps, evalEvery: 5);
        spec = spec with
        {
            Training = spec.Training with
            {
                CheckpointEvery = 10,
                Optimizer = spec.Training.Optimizer with { Kind = optimizer, Lr = optimizer == OptimizerKind.AdamW ? 0.003 : 0.05 },
            },
        };
        if (optimizer == OptimizerKind.AdamW)
        {
            // The DoReMi recipe: clipping, betas (0.9, 0.99), an exponential decay after warm-up, and two
            // parameter groups (biases undecayed) whose state the checkpoint must carry.
            spec = spec with
            {
                Training = spec.Training with
                {
                    MaxGradNorm = 0.5,
                    LrSchedule = new LrScheduleSpec { Kind = LrScheduleKind.Exponential },
                    Optimizer = spec.Training.Optimizer with { Beta2 = 0.99, Warmup = 6, WeightDecay = 0.01, NoDecay = NoDecayMode.On },
                },
            };
        }

        var (reference, referenceProgress, referenceParameters) = await TrainAsync(spec, interruptAfterStep: null);
        var (resumed, resumedProgress, resumedParameters) = await TrainAsync(spec, interruptAfterStep: 15);

        Assert.Equal(JobStatus.Completed, resumed.Status);
        Assert.Equal(0, reference.Recoveries);
        Assert.Equal(1, resumed.Recoveries);
        Assert.Equal(Enumerable.Range(1, steps), resumedProgress.Select(p => p.Step).Distinct().Order());
        for (var step = 0; step < steps; step++)
        {
            Assert.Equal(referenceProgress[step].GroupWeights, resumedProgress.Last(p => p.Step == step + 1).GroupWeights);
        }
        Assert.Equal(referenceParameters, resumedParameters);
        Assert.Equal(reference.Result!.BestStep, resumed.Result!.BestStep);
        Assert.Equal(reference.Result.GroupWeights, resumed.Result.GroupWeights);
        Assert.Equal(reference.Result.Test!.Groups, resumed.Result.Test!.Groups);
        Assert.Equal(reference.Result.Val!.Groups, resumed.Result.Val!.Groups);
    }

    [Fact]
    public async Task Checkpoints_are_written_and_the_run_points_at_the_latest_complete_one()
    {
        var data = TestData.WriteSpurious(trainRows: 300);
        var spec = TestData.Spec(data, ObjectiveKind.Erm, workers: 1, steps: 25);
        spec = spec with { Training = spec.Training with { CheckpointEvery = 10 } };
        var runId = $"ckpt-{Guid.NewGuid():N}";
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);

        await run.SubmitAsync(spec, "local");
        await RunWatcher.UntilTerminalAsync(run, Timeout);

        var latest = await run.GetCheckpointAsync();
        Assert.Equal(CheckpointNames.ForStep(runId, 20), latest);
        Assert.NotNull(await fixture.Checkpoints.ReadAsync(latest!, CancellationToken.None));
        // The history up to the checkpoint is durable before the run points to it: chunk 0 holds steps 1 to 20 (and on, once finished).
        Assert.NotNull(await fixture.Checkpoints.ReadAsync(JobDocuments.NameOf(runId, ProgressLog.ChunkName(0)), CancellationToken.None));
        Assert.Null(await fixture.Checkpoints.ReadAsync(CheckpointNames.ForStep(runId, 10), CancellationToken.None));
    }

    private async Task<(RunSnapshot Snapshot, List<ProgressRecord> Progress, float[] Parameters)> TrainAsync(RunSpec spec, int? interruptAfterStep)
    {
        var runId = $"recover-{Guid.NewGuid():N}";
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);
        await run.SubmitAsync(spec, "local");
        var progress = new List<ProgressRecord>();
        if (interruptAfterStep is { } step)
        {
            var (_, seen) = await RunWatcher.UntilAsync(run, (_, p) => p.Count >= step, Timeout, $"step {step}");
            progress.AddRange(seen);
            // The worker's activation loses its replica, as when its silo dies.
            await fixture.Grains.GetGrain<IWorkerGrain>($"{runId}/g1/1").ReleaseAsync();
        }
        var (snapshot, rest) = await RunWatcher.UntilAsync(
            run, (s, _) => s.Status.IsTerminal(), Timeout, "a terminal status", after: progress.Count == 0 ? 0 : progress[^1].Step);
        progress.AddRange(rest);
        var parameters = await fixture.Grains.GetGrain<ICoordinatorGrain>(runId).GetParametersAsync();
        return (snapshot, progress, parameters!.Span.ToArray());
    }
}
