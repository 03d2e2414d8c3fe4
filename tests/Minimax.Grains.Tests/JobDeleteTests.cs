using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Tests;

/// <summary>Deleting a finished job removes everything it stored; a running or used job is refused.</summary>
[Collection(ClusterCollection.Name)]
public sealed class JobDeleteTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_completed_run_is_deleted_with_its_checkpoints_history_final_model_and_listing()
    {
        var tenant = $"delete-{Guid.NewGuid():N}";
        var runId = $"delete-{Guid.NewGuid():N}";
        var spec = TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.GroupDro, workers: 2, steps: 12);
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);
        await run.SubmitAsync(spec with { Training = spec.Training with { CheckpointEvery = 5 } }, tenant);
        var (done, _) = await RunWatcher.UntilTerminalAsync(run, Timeout);
        Assert.Equal(JobStatus.Completed, done.Status);
        var folder = Path.Combine(fixture.Checkpoints.Root, runId);
        Assert.True(Directory.Exists(folder));

        var deletion = await run.DeleteJobAsync();

        Assert.True(deletion.Deleted, deletion.Refusal);
        Assert.False(Directory.Exists(folder), "the run's checkpoints, documents or final model stay behind");
        Assert.False((await run.GetInfoAsync()).Exists);
        Assert.Null(await fixture.Grains.GetGrain<IJobRegistryGrain>(tenant).FindAsync(runId));
        Assert.Empty((await fixture.Grains.GetGrain<IJobRegistryGrain>(tenant).ListAsync(0)).Jobs);
        Assert.Equal(JobDeletion.NotFound, await run.DeleteJobAsync());
    }

    [Fact]
    public async Task A_running_run_is_refused_until_cancelled()
    {
        var spec = TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.Erm, workers: 1, steps: 100_000);
        var run = fixture.Grains.GetGrain<IRunGrain>($"delete-running-{Guid.NewGuid():N}");
        await run.SubmitAsync(spec, $"delete-{Guid.NewGuid():N}");
        await RunWatcher.UntilAsync(run, (_, progress) => progress.Count > 0, Timeout, "a first step");

        var refused = await run.DeleteJobAsync();

        Assert.False(refused.Deleted);
        Assert.Contains("cancel it first", refused.Refusal);
        await run.CancelAsync();
        await RunWatcher.UntilTerminalAsync(run, Timeout);
        Assert.True((await run.DeleteJobAsync()).Deleted);
    }
}
