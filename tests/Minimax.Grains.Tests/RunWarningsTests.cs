using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Tests;

/// <summary>A run's warnings about groups expected less than once per batch: in its row, its snapshot and its watchers' first event.</summary>
[Collection(FaultyClusterCollection.Name)]
public sealed class RunWarningsTests(FaultyClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    // SpuriousCsv's train split puts about 5% of the rows in each of groups 1 and 2: at batch 8, 0.4 per batch.
    // Many steps past the interruption, so that the worker is lost while the run still trains.
    private static RunSpec SkewedSpec(bool balanced)
    {
        var spec = TestData.Spec(TestData.WriteSpurious(trainRows: 400), ObjectiveKind.GroupDro, workers: 2, steps: 200, batchSize: 8, evalEvery: 50);
        return spec with
        {
            Objective = spec.Objective with { BalancedSampling = balanced },
            Training = spec.Training with { CheckpointEvery = 10 },
        };
    }

    [Fact]
    public async Task A_resumed_run_keeps_its_warnings_in_its_row_and_a_new_watcher_gets_them_with_its_first_step()
    {
        var runId = $"warn-{Guid.NewGuid():N}";
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);
        await run.SubmitAsync(SkewedSpec(balanced: false), "local");
        await RunWatcher.UntilAsync(run, (_, progress) => progress.Count >= 15, Timeout, "step 15");
        // The worker's activation loses its replica, as when its silo dies: the run resumes from step 10.
        await fixture.Grains.GetGrain<IWorkerGrain>($"{runId}/g1/1").ReleaseAsync();

        var (snapshot, progress) = await RunWatcher.UntilTerminalAsync(run, Timeout);

        Assert.Equal(JobStatus.Completed, snapshot.Status);
        Assert.Equal(1, snapshot.Recoveries);
        var warnings = snapshot.Warnings ?? [];
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("group 1 is expected 0.", warnings[0]);
        Assert.StartsWith("group 2 is expected 0.", warnings[1]);
        Assert.Equal(warnings, (await fixture.StoredRunAsync(runId)).Warnings);
        Assert.Equal(warnings, progress[0].Warnings);
        Assert.All(progress.Skip(1), step => Assert.Null(step.Warnings));
    }

    [Fact]
    public async Task A_run_with_group_balanced_batches_has_no_warnings()
    {
        var run = fixture.Grains.GetGrain<IRunGrain>($"nowarn-{Guid.NewGuid():N}");
        await run.SubmitAsync(SkewedSpec(balanced: true), "local");

        var (snapshot, progress) = await RunWatcher.UntilTerminalAsync(run, Timeout);

        Assert.Equal(JobStatus.Completed, snapshot.Status);
        Assert.Empty(snapshot.Warnings ?? ["missing"]);
        Assert.All(progress, step => Assert.Null(step.Warnings));
    }
}
