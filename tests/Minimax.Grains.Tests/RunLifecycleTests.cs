using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RunLifecycleTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_run_goes_from_pending_through_running_to_completed_with_a_report()
    {
        var data = TestData.WriteSpurious();
        var run = fixture.Grains.GetGrain<IRunGrain>($"life-{Guid.NewGuid():N}");

        var submitted = await run.SubmitAsync(TestData.Spec(data, ObjectiveKind.GroupDro, workers: 2, steps: 12), "local");
        Assert.Equal(JobStatus.Pending, submitted.Status);

        var (snapshot, progress) = await RunWatcher.UntilTerminalAsync(run, Timeout);

        Assert.Equal(JobStatus.Completed, snapshot.Status);
        Assert.Equal(Enumerable.Range(1, 12), progress.Select(p => p.Step));
        var result = Assert.IsType<RunResult>(snapshot.Result);
        Assert.Equal(12, result.Steps);
        Assert.Contains(result.BestStep, new[] { 5, 10, 12 });
        Assert.NotNull(result.Val);
        var test = Assert.IsType<SplitMetricsRecord>(result.Test);
        Assert.Equal(4, test.Groups.Count);
        Assert.Equal(120, test.Groups.Sum(g => g.Count));
        Assert.Equal(test.Groups.Min(g => g.Accuracy), test.WorstGroupAccuracy);
        Assert.Equal(1.0, result.GroupWeights.Sum(), 9);
        Assert.Equal(400, result.TrainGroupCounts.Sum());
        Assert.True(result.MedianStepSeconds > 0);
    }

    [Fact]
    public async Task Submitting_twice_returns_the_same_run()
    {
        var data = TestData.WriteSpurious();
        var run = fixture.Grains.GetGrain<IRunGrain>($"twice-{Guid.NewGuid():N}");
        var spec = TestData.Spec(data, ObjectiveKind.Erm, workers: 1, steps: 3);

        await run.SubmitAsync(spec, "local");
        var again = await run.SubmitAsync(spec with { Name = "other" }, "local");

        Assert.Equal("grain-test", again.Spec!.Name);
        var (snapshot, progress) = await RunWatcher.UntilTerminalAsync(run, Timeout);
        Assert.Equal(JobStatus.Completed, snapshot.Status);
        Assert.Equal(3, progress.Count);
    }

    [Fact]
    public async Task Bad_data_fails_the_run_with_a_reason_naming_the_file()
    {
        var data = TestData.WriteSpurious();
        File.AppendAllText(Path.Combine(data, "val.csv"), "1,0,0.1,abc,0,0,0,0\n");
        var run = fixture.Grains.GetGrain<IRunGrain>($"bad-{Guid.NewGuid():N}");

        await run.SubmitAsync(TestData.Spec(data, ObjectiveKind.Erm, workers: 2, steps: 5), "local");
        var (snapshot, _) = await RunWatcher.UntilTerminalAsync(run, Timeout);

        Assert.Equal(JobStatus.Failed, snapshot.Status);
        Assert.Contains("val.csv", snapshot.Reason);
        Assert.Contains("f1", snapshot.Reason);
    }

    [Fact]
    public async Task A_per_group_adjustment_of_the_wrong_length_fails_naming_the_field()
    {
        var data = TestData.WriteSpurious();
        var spec = TestData.Spec(data, ObjectiveKind.GroupDro, workers: 1, steps: 5);
        var run = fixture.Grains.GetGrain<IRunGrain>($"adjust-{Guid.NewGuid():N}");

        await run.SubmitAsync(spec with { Objective = spec.Objective with { GeneralizationAdjustment = [1, 2, 3] } }, "local");
        var (snapshot, _) = await RunWatcher.UntilTerminalAsync(run, Timeout);

        Assert.Equal(JobStatus.Failed, snapshot.Status);
        Assert.StartsWith("objective.generalization_adjustment: needs one value or one per group (4 groups), not 3", snapshot.Reason);
    }

    [Fact]
    public async Task Status_is_answered_while_the_run_trains()
    {
        var data = TestData.WriteSpurious(trainRows: 2000);
        var run = fixture.Grains.GetGrain<IRunGrain>($"status-{Guid.NewGuid():N}");
        await run.SubmitAsync(TestData.Spec(data, ObjectiveKind.GroupDro, workers: 2, steps: 400, batchSize: 256, evalEvery: 100), "local");

        await RunWatcher.UntilAsync(run, (_, progress) => progress.Count >= 3, Timeout, "three steps");
        var during = await run.GetSnapshotAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(JobStatus.Running, during.Status);
        Assert.InRange(during.LastProgress!.Step, 3, 399);
        await run.CancelAsync();
        await RunWatcher.UntilTerminalAsync(run, Timeout);
    }

    [Fact]
    public async Task Cancel_stops_within_one_step_and_releases_the_workers()
    {
        var data = TestData.WriteSpurious(trainRows: 2000);
        var runId = $"cancel-{Guid.NewGuid():N}";
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);
        await run.SubmitAsync(TestData.Spec(data, ObjectiveKind.GroupDro, workers: 2, steps: 5000, batchSize: 256, evalEvery: 1000), "local");
        var (_, seen) = await RunWatcher.UntilAsync(run, (_, progress) => progress.Count >= 2, Timeout, "two steps");

        var cancelled = await run.CancelAsync();
        var stepAtCancel = cancelled.LastProgress!.Step;
        var (snapshot, _) = await RunWatcher.UntilTerminalAsync(run, Timeout);

        Assert.Equal(JobStatus.Cancelled, snapshot.Status);
        Assert.False(string.IsNullOrEmpty(snapshot.Reason));
        Assert.InRange(snapshot.LastProgress!.Step, stepAtCancel, stepAtCancel + 1);
        var worker = fixture.Grains.GetGrain<IWorkerGrain>($"{runId}/g1/0");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => worker.BackwardAndStepAsync([1, 1, 1, 1], 1, 0.01));
        Assert.Contains("not initialised", error.Message);
    }
}
