using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Testing;

namespace Minimax.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class MixturePipelineTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_mixture_job_runs_reference_proxy_main_and_baseline_and_reports_weights_on_the_simplex()
    {
        var corpus = TestData.WriteCorpus();
        var spec = MixtureSpecReader.Read(DomainCorpus.MixtureYaml(corpus, steps: 20), [], corpus);
        var jobId = $"mix-{Guid.NewGuid():N}"[..16];
        var job = fixture.Grains.GetGrain<IMixtureGrain>(jobId);

        await job.SubmitAsync(spec, "local");
        var done = await MixtureWatcher.UntilAsync(job, snapshot => snapshot.Status.IsTerminal(), Timeout, "the end of the job");

        Assert.True(done.Status == JobStatus.Completed, done.Reason);
        Assert.Equal(DomainCorpus.Domains, done.Domains);
        Assert.Equal(
            ["reference", "proxy", "main", "baseline"],
            done.Stages.Select(stage => stage.Stage).Order(Comparer<string>.Create((a, b) => Order(a) - Order(b))));
        Assert.All(done.Stages, stage => Assert.Equal(JobStatus.Completed, stage.Status));
        Assert.All(done.Stages, stage => Assert.Equal(20, stage.Step));

        var round = Assert.Single(done.Rounds);
        Assert.Equal(1.0, round.DomainWeights.Sum(), 12);
        Assert.All(round.DomainWeights, weight => Assert.True(weight >= 1e-3 / 3));
        Assert.All(round.ReferenceWeights, weight => Assert.Equal(1.0 / 3, weight, 12));
        Assert.Equal([1, 10, 20], round.Trajectory.Select(point => point.Step));
        Assert.All(round.Trajectory, point => Assert.Equal(1.0, point.Weights.Sum(), 12));
        // The reported weights are the average of the proxy's α_t over its steps, so they lie within their range.
        for (var d = 0; d < 3; d++)
        {
            var proxyHistory = await fixture.Grains.GetGrain<IRunGrain>(done.Stages.Single(s => s.Stage == "proxy").RunId).GetHistoryAsync(0, 1000);
            var alphas = proxyHistory.Select(p => p.GroupWeights[d]).ToArray();
            Assert.Equal(alphas.Average(), round.DomainWeights[d], 12);
        }

        var comparison = Assert.IsType<MixtureComparison>(done.Comparison);
        Assert.Equal(3, comparison.Main.PerDomain.Count);
        Assert.Equal(Math.Exp(comparison.Main.PerDomain.Average(Math.Log)), comparison.Main.Average, 9);
        Assert.Equal(comparison.Main.PerDomain.Average(), comparison.Main.ArithmeticAverage, 9);
        Assert.Equal(comparison.Baseline.PerDomain.Max(), comparison.Baseline.Worst, 9);
        Assert.Equal([10, 20], comparison.MainCurve.Select(point => point.Step));
        Assert.Equal(comparison.Baseline.Average, comparison.BaselineCurve[^1].Average, 9);
        // Noise is incompressible at the byte level: no model gets below the alphabet's 95 characters.
        Assert.True(comparison.Baseline.PerDomain[1] > 50);
    }

    [Fact]
    public async Task Deleting_a_finished_mixture_deletes_its_stage_runs_and_a_stage_run_alone_is_refused()
    {
        var corpus = TestData.WriteCorpus();
        var spec = MixtureSpecReader.Read(DomainCorpus.MixtureYaml(corpus, steps: 4), [], corpus);
        var job = fixture.Grains.GetGrain<IMixtureGrain>($"mix-{Guid.NewGuid():N}"[..16]);
        await job.SubmitAsync(spec, "local");
        var done = await MixtureWatcher.UntilAsync(job, snapshot => snapshot.Status.IsTerminal(), Timeout, "the end of the job");
        Assert.True(done.Status == JobStatus.Completed, done.Reason);
        var stages = done.Stages.Select(stage => fixture.Grains.GetGrain<IRunGrain>(stage.RunId)).ToArray();

        var alone = await stages[0].DeleteJobAsync();
        Assert.False(alone.Deleted);
        Assert.Contains("delete that job", alone.Refusal, StringComparison.Ordinal);

        var deletion = await job.DeleteJobAsync();
        Assert.True(deletion.Deleted, deletion.Refusal);
        Assert.False((await job.GetInfoAsync()).Exists);
        foreach (var (stage, run) in done.Stages.Zip(stages))
        {
            Assert.False((await run.GetInfoAsync()).Exists, $"stage run {stage.RunId} is still there");
            Assert.False(Directory.Exists(Path.Combine(fixture.Checkpoints.Root, stage.RunId)), $"stage run {stage.RunId} left its stored data");
        }
    }

    [Fact]
    public async Task The_same_job_twice_gives_bit_identical_weights_and_perplexities()
    {
        var corpus = TestData.WriteCorpus();
        var spec = MixtureSpecReader.Read(DomainCorpus.MixtureYaml(corpus, steps: 12, workers: 2), [], corpus);

        var first = await RunAsync(spec);
        var second = await RunAsync(spec);
        var reseeded = await RunAsync(spec with { Seed = spec.Seed + 1 });

        Assert.Equal(first.Rounds[0].DomainWeights, second.Rounds[0].DomainWeights);
        Assert.Equal(first.Rounds[0].Trajectory.SelectMany(p => p.Weights), second.Rounds[0].Trajectory.SelectMany(p => p.Weights));
        Assert.Equal(first.Comparison!.Main.PerDomain, second.Comparison!.Main.PerDomain);
        Assert.Equal(first.Comparison.Baseline.PerDomain, second.Comparison.Baseline.PerDomain);
        Assert.NotEqual(first.Rounds[0].DomainWeights, reseeded.Rounds[0].DomainWeights);
    }

    private async Task<MixtureSnapshot> RunAsync(MixtureSpec spec)
    {
        var job = fixture.Grains.GetGrain<IMixtureGrain>($"mix-{Guid.NewGuid():N}"[..16]);
        await job.SubmitAsync(spec, "local");
        var done = await MixtureWatcher.UntilAsync(job, snapshot => snapshot.Status.IsTerminal(), Timeout, "the end of the job");
        Assert.True(done.Status == JobStatus.Completed, done.Reason);
        return done;
    }

    [Fact]
    public async Task Iterated_doremi_trains_each_rounds_reference_on_the_previous_rounds_weights()
    {
        var corpus = TestData.WriteCorpus();
        var spec = MixtureSpecReader.Read(DomainCorpus.MixtureYaml(corpus, steps: 10, main: false), ["doremi.rounds=2"], corpus);
        var job = fixture.Grains.GetGrain<IMixtureGrain>($"mix-{Guid.NewGuid():N}"[..16]);

        await job.SubmitAsync(spec, "local");
        var done = await MixtureWatcher.UntilAsync(job, snapshot => snapshot.Status.IsTerminal(), Timeout, "the end of the job");

        Assert.True(done.Status == JobStatus.Completed, done.Reason);
        Assert.Equal(
            [("reference", 1), ("proxy", 1), ("reference", 2), ("proxy", 2)],
            done.Stages.Select(stage => (stage.Stage, stage.Round)));
        Assert.Equal(2, done.Rounds.Count);
        var (first, second) = (done.Rounds[0], done.Rounds[1]);
        for (var d = 0; d < 3; d++)
        {
            Assert.Equal(first.DomainWeights[d], second.ReferenceWeights[d], 12);
        }
        // The round-2 reference really trained on those weights: its run reports them as its mixture.
        var reference2 = await fixture.Grains.GetGrain<IRunGrain>(done.Stages[2].RunId).GetSnapshotAsync();
        Assert.Equal(first.DomainWeights.Select(w => Math.Round(w, 12)), reference2.Result!.SamplingWeights!.Select(w => Math.Round(w, 12)));
        Assert.Empty(first.Trajectory);
        Assert.NotEmpty(second.Trajectory);
        Assert.Null(done.Comparison);
    }

    [Fact]
    public async Task Cancelling_a_mixture_job_cancels_its_running_stage()
    {
        var corpus = TestData.WriteCorpus();
        var spec = MixtureSpecReader.Read(DomainCorpus.MixtureYaml(corpus, steps: 100_000, workers: 1), [], corpus);
        var job = fixture.Grains.GetGrain<IMixtureGrain>($"mix-{Guid.NewGuid():N}"[..16]);

        await job.SubmitAsync(spec, "local");
        var running = await MixtureWatcher.UntilAsync(
            job, snapshot => snapshot.Stages.Any(stage => stage.Step > 0), Timeout, "the reference stage to take steps");
        var stage = Assert.Single(running.Stages);
        Assert.Equal("reference", stage.Stage);

        await job.CancelAsync();
        var cancelled = await MixtureWatcher.UntilAsync(job, snapshot => snapshot.Status.IsTerminal(), Timeout, "the cancellation");

        Assert.Equal(JobStatus.Cancelled, cancelled.Status);
        var run = await RunWatcher.UntilTerminalAsync(fixture.Grains.GetGrain<IRunGrain>(stage.RunId), Timeout);
        Assert.Equal(JobStatus.Cancelled, run.Snapshot.Status);
        Assert.Single(cancelled.Stages);
    }

    private static int Order(string stage) => Array.IndexOf(["reference", "proxy", "main", "baseline"], stage);
}
