using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Checkpoints;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Grains.Jobs;
using Minimax.Grains.Runs;
using Orleans.Storage;
using static Minimax.Grains.Tests.StorageFaultPlan;

namespace Minimax.Grains.Tests;

/// <summary>
/// Storage faults on the `runs` provider (Orleans' fault-injecting storage) while real runs train:
/// conflicts are re-read and transient failures retried without changing a run; a write storage can never
/// accept fails the run with the reason and stops it, instead of leaving it to retrain.
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
            fixture.Faults.Arm(runId, "MarkRunningAsync", FailNextWrite("run", Transient())),
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
    public async Task A_write_storage_can_never_accept_fails_the_run_with_the_reason_and_stops_training()
    {
        var runId = NewRunId();
        var refused = fixture.Faults.Arm(runId, "RecordCheckpointAsync", FailNextWrite("run", Permanent()), CheckpointAt(20));

        var (failed, progress) = await TrainAsync(Spec(), runId, "local");

        await refused.WaitAsync(Timeout);
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Contains("injected: storage refused the write", failed.Reason);
        Assert.DoesNotContain('\n', failed.Reason!);
        // Training stopped instead of running on to the end (35 steps) or being resumed by the reminder.
        Assert.True(progress.Count < 35, $"{progress.Count} steps");
        var stored = await fixture.StoredRunAsync(runId);
        Assert.Equal(JobStatus.Failed, stored.Status);
        Assert.Equal(CheckpointNames.ForStep(runId, 10), stored.Checkpoint);
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
            fixture.Faults.Arm(runId, "MarkRunningAsync", ChangeRunRowElsewhere(_ => { })),
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
        Assert.True(stored.HasResult);
        Assert.Equal(35, stored.HistoryThroughStep);
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
    public async Task A_transient_fault_on_the_final_completion_is_retried_and_a_refused_one_fails_the_run()
    {
        var spec = Spec();
        var (reference, _) = await TrainAsync(spec, NewRunId(), "local");
        var retried = NewRunId();
        var transient = fixture.Faults.Arm(retried, "CompleteAsync", FailNextWrite("run", Transient()));

        var (faulty, _) = await TrainAsync(spec, retried, "local");

        await transient.WaitAsync(Timeout);
        AssertSameResult(reference, faulty);
        Assert.Equal(JobStatus.Completed, (await fixture.StoredRunAsync(retried)).Status);

        var refusedId = NewRunId();
        var refused = fixture.Faults.Arm(refusedId, "CompleteAsync", FailNextWrite("run", Permanent()));
        var (failed, _) = await TrainAsync(spec, refusedId, "local");

        await refused.WaitAsync(Timeout);
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Contains("injected: storage refused the write", failed.Reason);
        Assert.Equal(JobStatus.Failed, (await fixture.StoredRunAsync(refusedId)).Status);
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
        Assert.False((await fixture.StoredRunAsync(runId)).Submitted);
        Assert.DoesNotContain(runId, (await fixture.Grains.GetGrain<IJobRegistryGrain>(tenant).ListAsync(0)).Jobs.Select(job => job.Job.JobId));

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
        Assert.Equal([runId], (await fixture.Grains.GetGrain<IJobRegistryGrain>(tenant).ListAsync(0)).Jobs.Select(job => job.Job.JobId));
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
