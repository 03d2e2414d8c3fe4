using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Checkpoints;
using Minimax.Grains.Runs;
using Orleans.Storage;
using static Minimax.Grains.Tests.StorageFaultPlan;

namespace Minimax.Grains.Tests;

/// <summary>
/// Storage faults on the `runs` provider (Orleans' fault-injecting storage) while real runs train:
/// conflicts are re-read, transient failures retried, and no write failure fails or changes a run.
/// </summary>
[Collection(FaultyClusterCollection.Name)]
public sealed class RunStorageFaultTests(FaultyClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static TimeoutException Transient() => new("injected: storage timed out");

    private static NotSupportedException Permanent() => new("injected: storage refused the write");

    [Fact]
    public async Task Transient_write_faults_during_training_are_retried_and_change_nothing()
    {
        var spec = Spec();
        var (reference, _) = await TrainAsync(spec, NewRunId(), "local");
        var runId = NewRunId();
        Task[] fired =
        [
            fixture.Faults.Arm(runId, "ReportProgressAsync", FailNextWrite("run", Transient()), ProgressAt(5)),
            fixture.Faults.Arm(runId, "RecordCheckpointAsync", FailNextWrite("run", Transient()), CheckpointAt(10)),
        ];

        var (faulty, progress) = await TrainAsync(spec, runId, "local");

        await Task.WhenAll(fired).WaitAsync(Timeout);
        AssertSameResult(reference, faulty);
        Assert.Equal(Enumerable.Range(1, 35), progress.Select(p => p.Step));
        var stored = await fixture.StoredRunAsync(runId);
        Assert.Equal(JobStatus.Completed, stored.Status);
        Assert.Equal(CheckpointNames.ForStep(runId, 30), stored.Checkpoint);
    }

    [Fact]
    public async Task Write_faults_that_outlast_the_grains_retries_do_not_fail_the_run()
    {
        var spec = Spec();
        var (reference, _) = await TrainAsync(spec, NewRunId(), "local");
        var runId = NewRunId();
        Task[] fired =
        [
            // An evaluation's progress write is lost: the next evaluation persists progress again.
            fixture.Faults.Arm(runId, "ReportProgressAsync", FailNextWrite("run", Permanent()), ProgressAt(15)),
            // The pointer to checkpoint 20 is never written: 10 stays current until 30 is recorded.
            fixture.Faults.Arm(runId, "RecordCheckpointAsync", FailNextWrite("run", Permanent()), CheckpointAt(20)),
        ];

        var (faulty, progress) = await TrainAsync(spec, runId, "local");

        await Task.WhenAll(fired).WaitAsync(Timeout);
        AssertSameResult(reference, faulty);
        Assert.Equal(Enumerable.Range(1, 35), progress.Select(p => p.Step));
        Assert.Equal(CheckpointNames.ForStep(runId, 30), await fixture.Grains.GetGrain<IRunGrain>(runId).GetCheckpointAsync());
        Assert.NotNull(await fixture.Checkpoints.ReadAsync(CheckpointNames.ForStep(runId, 30), CancellationToken.None));
        // The unrecorded checkpoint goes with the one it failed to replace.
        Assert.Null(await fixture.Checkpoints.ReadAsync(CheckpointNames.ForStep(runId, 20), CancellationToken.None));
        Assert.Null(await fixture.Checkpoints.ReadAsync(CheckpointNames.ForStep(runId, 10), CancellationToken.None));
        var stored = await fixture.StoredRunAsync(runId);
        Assert.Equal(JobStatus.Completed, stored.Status);
        Assert.Equal(35, stored.LastProgress!.Step);
    }

    [Fact]
    public async Task Etag_conflicts_are_answered_by_re_reading_the_state_and_the_run_completes()
    {
        var spec = Spec();
        var (reference, _) = await TrainAsync(spec, NewRunId(), "local");
        var runId = NewRunId();
        Task[] fired =
        [
            fixture.Faults.Arm(runId, "RecordCheckpointAsync", FailNextWrite("run", new InconsistentStateException("injected: etag mismatch")), CheckpointAt(10)),
            // Real conflicts: another writer rewrites the row just before the grain writes it.
            fixture.Faults.Arm(runId, "ReportProgressAsync", ChangeRunRowElsewhere(_ => { }), ProgressAt(15)),
            fixture.Faults.Arm(runId, "RecordCheckpointAsync", ChangeRunRowElsewhere(_ => { }), CheckpointAt(20)),
            fixture.Faults.Arm(runId, "CompleteAsync", ChangeRunRowElsewhere(_ => { })),
        ];

        var (faulty, progress) = await TrainAsync(spec, runId, "local");

        await Task.WhenAll(fired).WaitAsync(Timeout);
        AssertSameResult(reference, faulty);
        Assert.Equal(Enumerable.Range(1, 35), progress.Select(p => p.Step));
        var stored = await fixture.StoredRunAsync(runId);
        Assert.Equal(JobStatus.Completed, stored.Status);
        Assert.Equal(CheckpointNames.ForStep(runId, 30), stored.Checkpoint);
        Assert.Equal(30, stored.CheckpointStep);
        Assert.Equal(reference.Result!.Test!.Groups, stored.Result!.Test!.Groups);
    }

    [Fact]
    public async Task A_terminal_status_another_writer_stored_is_never_overwritten()
    {
        var runId = NewRunId();
        var fired = fixture.Faults.Arm(runId, "CompleteAsync", ChangeRunRowElsewhere(run =>
        {
            run.Status = JobStatus.Cancelled;
            run.Reason = "cancelled by another writer";
            run.FinishedAt = DateTimeOffset.UtcNow;
        }));

        var (snapshot, _) = await TrainAsync(TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.Erm, workers: 1, steps: 6), runId, "local");

        await fired.WaitAsync(Timeout);
        Assert.Equal(JobStatus.Cancelled, snapshot.Status);
        Assert.Equal("cancelled by another writer", snapshot.Reason);
        Assert.Null(snapshot.Result);
        Assert.Equal(JobStatus.Cancelled, (await fixture.StoredRunAsync(runId)).Status);
    }

    [Fact]
    public async Task Faults_on_the_final_completion_are_retried_and_the_run_ends_completed()
    {
        var spec = Spec();
        var (reference, _) = await TrainAsync(spec, NewRunId(), "local");
        var runId = NewRunId();
        Task[] fired =
        [
            // The first call gives up at once (a refused write): the coordinator calls again, later.
            fixture.Faults.Arm(runId, "CompleteAsync", FailNextWrite("run", Permanent())),
            // The second meets a transient fault: the grain writes again itself.
            fixture.Faults.Arm(runId, "CompleteAsync", FailNextWrite("run", Transient())),
        ];

        var (faulty, _) = await TrainAsync(spec, runId, "local");

        await Task.WhenAll(fired).WaitAsync(Timeout);
        AssertSameResult(reference, faulty);
        Assert.Equal(JobStatus.Completed, (await fixture.StoredRunAsync(runId)).Status);
    }

    [Fact]
    public async Task A_storage_fault_on_submit_returns_an_error_and_leaves_no_run_and_a_retry_works()
    {
        var runId = NewRunId();
        var tenant = $"tenant-{Guid.NewGuid():N}";
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);
        var spec = TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.Erm, workers: 1, steps: 6);
        var refused = fixture.Faults.Arm(runId, "SubmitAsync", FailNextWrite("run", Permanent()));

        var error = await Assert.ThrowsAsync<JobStateWriteException>(() => run.SubmitAsync(spec, tenant));

        await refused.WaitAsync(Timeout);
        Assert.Contains("injected: storage refused the write", error.Message);
        Assert.Null((await run.GetSnapshotAsync()).Spec);
        Assert.Null((await fixture.StoredRunAsync(runId)).Spec);
        Assert.DoesNotContain(runId, await fixture.Grains.GetGrain<IRunRegistryGrain>(tenant).ListAsync());

        // The retry meets transient faults on the run's and on the registry's first writes: both retried.
        Task[] fired =
        [
            fixture.Faults.Arm(runId, "SubmitAsync", FailNextWrite("run", Transient())),
            fixture.Faults.Arm(tenant, "AddAsync", FailNextWrite("registry", Transient())),
        ];
        var submitted = await run.SubmitAsync(spec, tenant);

        await Task.WhenAll(fired).WaitAsync(Timeout);
        Assert.Equal(JobStatus.Pending, submitted.Status);
        Assert.Equal(tenant, submitted.Tenant);
        Assert.Equal([runId], await fixture.Grains.GetGrain<IRunRegistryGrain>(tenant).ListAsync());
        var (snapshot, progress) = await RunWatcher.UntilTerminalAsync(run, Timeout);
        Assert.Equal(JobStatus.Completed, snapshot.Status);
        Assert.Equal(6, progress.Count);
    }

    private static string NewRunId() => $"faults-{Guid.NewGuid():N}";

    private static RunSpec Spec()
    {
        var spec = TestData.Spec(TestData.WriteSpurious(seed: 5), ObjectiveKind.GroupDro, workers: 2, steps: 35, evalEvery: 5);
        return spec with { Training = spec.Training with { CheckpointEvery = 10 } };
    }

    private async Task<(RunSnapshot Snapshot, List<ProgressRecord> Progress)> TrainAsync(RunSpec spec, string runId, string tenant)
    {
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);
        await run.SubmitAsync(spec, tenant);
        return await RunWatcher.UntilTerminalAsync(run, Timeout);
    }

    private static void AssertSameResult(RunSnapshot reference, RunSnapshot faulty)
    {
        Assert.Equal(JobStatus.Completed, reference.Status);
        Assert.Equal(JobStatus.Completed, faulty.Status);
        var expected = reference.Result!;
        var actual = faulty.Result!;
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.BestStep, actual.BestStep);
        Assert.Equal(expected.GroupWeights, actual.GroupWeights);
        Assert.Equal(expected.Val!.Groups, actual.Val!.Groups);
        Assert.Equal(expected.Test!.Groups, actual.Test!.Groups);
        Assert.Equal(0, faulty.Recoveries);
    }
}
