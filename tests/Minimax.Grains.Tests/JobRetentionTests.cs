using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;
using Minimax.Grains.Mixtures;
using Minimax.Testing;

namespace Minimax.Grains.Tests;

/// <summary>
/// Jobs:Retention: a finished job is deleted with everything it stored once it ended longer ago than the retention,
/// by the tenant's reminder, with no client; a running job, a younger one and one an unfinished job uses are kept.
/// </summary>
[Collection(RetentionClusterCollection.Name)]
public sealed class JobRetentionTests(RetentionClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_finished_run_is_deleted_once_older_than_the_retention_and_a_running_one_is_kept_until_it_ends()
    {
        var tenant = $"retention-{Guid.NewGuid():N}";
        var registry = fixture.Grains.GetGrain<IJobRegistryGrain>(tenant);
        var running = fixture.Grains.GetGrain<IRunGrain>($"retention-running-{Guid.NewGuid():N}");
        await running.SubmitAsync(TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.Erm, workers: 1, steps: 100_000), tenant);
        await RunWatcher.UntilAsync(running, (_, progress) => progress.Count > 0, Timeout, "a first step of the long run");
        var finishedId = $"retention-done-{Guid.NewGuid():N}";
        var finished = fixture.Grains.GetGrain<IRunGrain>(finishedId);
        var spec = TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.GroupDro, workers: 2, steps: 12);
        await finished.SubmitAsync(spec with { Training = spec.Training with { CheckpointEvery = 5 } }, tenant);
        var endedAfter = await UntilEndedAsync(finished);
        Assert.True(Directory.Exists(Path.Combine(fixture.Checkpoints.Root, finishedId)));

        var deletedBy = await UntilDeletedAsync(registry, finishedId);

        Assert.True(deletedBy - endedAfter >= RetentionClusterFixture.Retention, $"deleted {deletedBy - endedAfter} after it ended, before the retention");
        Assert.False(Directory.Exists(Path.Combine(fixture.Checkpoints.Root, finishedId)), "the run's checkpoints, documents or final model stay behind");
        Assert.False((await finished.GetInfoAsync()).Exists);
        // Checks went on while the long run trained: it is kept, whatever its age.
        Assert.Equal(JobStatus.Running, (await running.GetInfoAsync()).Status);
        Assert.NotNull(await registry.FindAsync(running.GetPrimaryKeyString()));

        var cancelledAfter = DateTimeOffset.UtcNow;
        await running.CancelAsync();
        await RunWatcher.UntilTerminalAsync(running, Timeout);
        var runningDeletedBy = await UntilDeletedAsync(registry, running.GetPrimaryKeyString());

        Assert.True(runningDeletedBy - cancelledAfter >= RetentionClusterFixture.Retention, "the cancelled run was deleted before the retention");
        Assert.Empty((await registry.ListAsync(0)).Jobs);
    }

    [Fact]
    public async Task A_finished_run_that_an_unfinished_run_uses_as_its_reference_is_kept_until_that_run_ends()
    {
        var tenant = $"retention-used-{Guid.NewGuid():N}";
        var registry = fixture.Grains.GetGrain<IJobRegistryGrain>(tenant);
        var corpus = Directory.CreateTempSubdirectory("minimax-corpus-").FullName;
        DomainCorpus.Write(corpus);
        var job = MixtureSpecReader.Read(DomainCorpus.MixtureYaml(corpus, steps: 3, workers: 1), [], corpus);
        var reference = fixture.Grains.GetGrain<IRunGrain>($"retention-reference-{Guid.NewGuid():N}");
        await reference.SubmitAsync(MixtureStages.ReferenceRun(job, 1, DomainWeightsSpec.Uniform), tenant);
        await UntilEndedAsync(reference);
        var proxySpec = MixtureStages.ProxyRun(job, 1, reference.GetPrimaryKeyString());
        var proxy = fixture.Grains.GetGrain<IRunGrain>($"retention-proxy-{Guid.NewGuid():N}");
        // Admitted first, as the API does: the jobs counted as unfinished are those whose use keeps a job.
        Assert.Null(await registry.AdmitAsync(new JobEntry(proxy.GetPrimaryKeyString(), JobKinds.Train, null), limit: 8));
        await proxy.SubmitAsync(proxySpec with { Training = proxySpec.Training with { Steps = 100_000 } }, tenant);
        await RunWatcher.UntilAsync(proxy, (_, progress) => progress.Count > 0, Timeout, "a first step of the proxy run");
        // Ends after the reference: once it is deleted, the reference was old enough too.
        var unused = fixture.Grains.GetGrain<IRunGrain>($"retention-unused-{Guid.NewGuid():N}");
        await unused.SubmitAsync(TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.Erm, workers: 1, steps: 3), tenant);
        await UntilEndedAsync(unused);

        await UntilDeletedAsync(registry, unused.GetPrimaryKeyString());

        Assert.True((await reference.GetInfoAsync()).Exists, "the reference run was deleted while a running run used it");
        Assert.NotNull(await registry.FindAsync(reference.GetPrimaryKeyString()));

        await proxy.CancelAsync();
        await RunWatcher.UntilTerminalAsync(proxy, Timeout);
        await UntilDeletedAsync(registry, reference.GetPrimaryKeyString());
        await UntilDeletedAsync(registry, proxy.GetPrimaryKeyString());
    }

    /// <summary>Waits for the run to end; returns a time before it ended (when it was last seen unfinished).</summary>
    private static async Task<DateTimeOffset> UntilEndedAsync(IRunGrain run)
    {
        var unfinishedAt = DateTimeOffset.UtcNow;
        var (done, _) = await RunWatcher.UntilAsync(run, (snapshot, _) =>
        {
            if (!snapshot.Status.IsTerminal())
            {
                unfinishedAt = DateTimeOffset.UtcNow;
            }
            return snapshot.Status.IsTerminal();
        }, Timeout, "a terminal status");
        Assert.True(done.Status == JobStatus.Completed, $"run ended {done.Status}: {done.Reason}");
        return unfinishedAt;
    }

    /// <summary>Polls the tenant's registry until the job is no longer listed; returns a time after it was deleted.</summary>
    private static async Task<DateTimeOffset> UntilDeletedAsync(IJobRegistryGrain registry, string jobId)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (await registry.FindAsync(jobId) is not null)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out after {Timeout} waiting for job {jobId} to be deleted by Jobs:Retention");
            }
        }
        return DateTimeOffset.UtcNow;
    }
}
