using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Training;

namespace Minimax.Grains.Tests;

/// <summary>A checkpoint holds bounded summaries of the step and coordinator times, so writing one costs the same at any step.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CheckpointSizeTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_checkpoint_of_step_1000_is_no_larger_than_that_of_step_100_beyond_the_bounded_step_times()
    {
        var data = TestData.WriteSpurious();
        var early = await LastCheckpointBytesAsync(data, checkpointAt: 100);
        var late = await LastCheckpointBytesAsync(data, checkpointAt: 1_000);

        // Every step's time would add 8 bytes a step (7,200 here) to each of the two samples the checkpoint keeps
        // (the step times and the coordinator's own times); each holds at most Capacity of them.
        Assert.True(late - early <= 2 * StepTimes.Capacity * sizeof(double), $"checkpoint of step 1000: {late} bytes, of step 100: {early} bytes");
    }

    private async Task<long> LastCheckpointBytesAsync(string data, int checkpointAt)
    {
        var spec = TestData.Spec(data, ObjectiveKind.Erm, workers: 1, steps: checkpointAt + 1, batchSize: 16, evalEvery: 50);
        var run = fixture.Grains.GetGrain<IRunGrain>($"checkpoint-size-{checkpointAt}-{Guid.NewGuid():N}");
        await run.SubmitAsync(spec with { Training = spec.Training with { CheckpointEvery = checkpointAt } }, "local");
        var (done, _) = await RunWatcher.UntilTerminalAsync(run, Timeout);
        Assert.True(done.Status == JobStatus.Completed, $"run ended {done.Status}: {done.Reason}");
        var checkpoint = await run.GetCheckpointAsync() ?? throw new InvalidOperationException("the run recorded no checkpoint");
        return new FileInfo(Path.Combine(fixture.Checkpoints.Root, checkpoint.Replace('/', Path.DirectorySeparatorChar))).Length;
    }
}
