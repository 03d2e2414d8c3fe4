using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Sweeps;
using Minimax.Testing;

namespace Minimax.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SweepJobTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private static string SweepYaml(string data, string grid, int steps, int parallel = 1) => $"""
        kind: sweep
        name: grain-sweep
        base:
          name: base
          data: {"{"} train: {data}/train.csv, val: {data}/val.csv, test: {data}/test.csv, label: y, groups_by: [a] {"}"}
          model: {"{"} kind: mlp, hidden: [16] {"}"}
          training:
            steps: {steps}
            batch_size: 64
            eval_every: 5
            optimizer: {"{"} kind: sgd, lr: 0.05, momentum: 0.9 {"}"}
        grid:
        {string.Join('\n', grid.Split('\n').Select(line => "  " + line))}
        parallel: {parallel}
        """;

    private static SweepSpec Read(string yaml) => SweepSpecReader.Read(yaml, [], "/", File.ReadAllText);

    private ISweepGrain NewSweep() => fixture.Grains.GetGrain<ISweepGrain>($"swp-{Guid.NewGuid():N}"[..16]);

    private static Task<SweepSnapshot> UntilAsync(ISweepGrain job, Func<SweepSnapshot, bool> done, string awaited) =>
        JobDetailWatcher.UntilAsync(job, job.GetSnapshotAsync, done, Timeout, awaited);

    [Fact]
    public async Task A_sweep_trains_every_trial_as_a_child_run_and_reports_mean_and_sd_over_seeds()
    {
        var data = TestData.WriteSpurious();
        var spec = Read(SweepYaml(data, "objective.kind: [erm, group_dro]\nseed: [0, 1]", steps: 10, parallel: 2));
        var job = NewSweep();
        var jobId = job.GetPrimaryKeyString();

        await job.SubmitAsync(spec, "local");
        var done = await UntilAsync(job, snapshot => snapshot.Status.IsTerminal(), "the end of the sweep");

        Assert.True(done.Status == JobStatus.Completed, done.Reason);
        Assert.Equal(4, done.Trials.Count);
        var results = new Dictionary<string, RunResult>();
        foreach (var trial in done.Trials)
        {
            Assert.Equal(JobStatus.Completed, trial.Status);
            Assert.Equal(SweepTrials.RunId(jobId, trial.Configuration, trial.Trial), trial.RunId);
            var run = await fixture.Grains.GetGrain<IRunGrain>(trial.RunId).GetSnapshotAsync();
            Assert.Equal(jobId, run.Parent);
            // The trial trained its grid values.
            Assert.Equal(trial.Configuration == 0 ? ObjectiveKind.Erm : ObjectiveKind.GroupDro, run.Spec!.Objective.Kind);
            Assert.Equal(trial.Trial, run.Spec.Seed);
            Assert.Equal(SweepTrialMetrics.Of(run.Result!), trial.Metrics);
            results[trial.RunId] = run.Result!;
        }

        var rows = SweepTable.Build(jobId, spec, done.Trials);
        for (var c = 0; c < 2; c++)
        {
            var worst = done.Trials.Where(t => t.Configuration == c).Select(t => results[t.RunId].Test!.WorstGroupAccuracy).ToArray();
            var aggregate = rows[c].Aggregates.TestWorstGroupAccuracy!;
            Assert.Equal(2, aggregate.N);
            Assert.Equal(worst.Average(), aggregate.Mean, 12);
            Assert.Equal(Math.Abs(worst[0] - worst[1]) / Math.Sqrt(2), aggregate.Sd, 12);
        }
        var best = rows.MaxBy(row => row.Aggregates.ValWorstGroupAccuracy!.Mean)!;
        Assert.True(Assert.Single(rows, row => row.Selected) == best);
    }

    [Fact]
    public async Task A_failed_trial_leaves_the_others_to_finish_and_the_sweep_completes_saying_so()
    {
        var data = TestData.WriteSpurious();
        var missing = Path.Combine(data, "missing.csv");
        var spec = Read(SweepYaml(data, $"data.train: [{data}/train.csv, {missing}]", steps: 5));
        var job = NewSweep();

        await job.SubmitAsync(spec, "local");
        var done = await UntilAsync(job, snapshot => snapshot.Status.IsTerminal(), "the end of the sweep");

        Assert.True(done.Status == JobStatus.Completed, done.Reason);
        Assert.Equal("1 of 2 trials did not complete", done.Reason);
        Assert.Equal([JobStatus.Completed, JobStatus.Failed], done.Trials.Select(t => t.Status));
        Assert.Contains("missing.csv", done.Trials[1].Reason);
        Assert.True(Assert.Single(SweepTable.Build(job.GetPrimaryKeyString(), spec, done.Trials), row => row.Selected).Configuration == spec.Configurations[0]);
    }

    [Fact]
    public async Task Parallel_trials_train_at_once_and_cancelling_the_sweep_cancels_them_and_starts_no_more()
    {
        var data = TestData.WriteSpurious();
        var spec = Read(SweepYaml(data, "seed: [0, 1, 2, 3]", steps: 100_000, parallel: 2));
        var job = NewSweep();

        await job.SubmitAsync(spec, "local");
        var both = await UntilAsync(job, snapshot => snapshot.Trials.Count(t => t.Step > 0) == 2, "two trials to take steps at once");
        Assert.Equal(2, both.Trials.Count);
        await job.CancelJobAsync();
        var cancelled = await UntilAsync(job, snapshot => snapshot.Status.IsTerminal(), "the cancellation");

        Assert.Equal(JobStatus.Cancelled, cancelled.Status);
        Assert.Equal(2, cancelled.Trials.Count);
        foreach (var trial in cancelled.Trials)
        {
            var run = await RunWatcher.UntilTerminalAsync(fixture.Grains.GetGrain<IRunGrain>(trial.RunId), Timeout);
            Assert.Equal(JobStatus.Cancelled, run.Snapshot.Status);
        }
        Assert.False((await fixture.Grains.GetGrain<IRunGrain>(SweepTrials.RunId(job.GetPrimaryKeyString(), 0, 2)).GetInfoAsync()).Exists);
    }

    [Fact]
    public async Task Deleting_a_finished_sweep_deletes_its_trial_runs()
    {
        var data = TestData.WriteSpurious();
        var job = NewSweep();
        await job.SubmitAsync(Read(SweepYaml(data, "seed: [0, 1]", steps: 3)), "local");
        var done = await UntilAsync(job, snapshot => snapshot.Status.IsTerminal(), "the end of the sweep");
        Assert.True(done.Status == JobStatus.Completed, done.Reason);

        var deletion = await job.DeleteJobAsync();

        Assert.True(deletion.Deleted, deletion.Refusal);
        Assert.False((await job.GetInfoAsync()).Exists);
        foreach (var trial in done.Trials)
        {
            Assert.False((await fixture.Grains.GetGrain<IRunGrain>(trial.RunId).GetInfoAsync()).Exists, $"trial run {trial.RunId} is still there");
        }
    }

    [Fact]
    public async Task Early_stopping_stops_a_trial_that_falls_behind_at_a_rung_and_the_sweep_selects_among_the_rest()
    {
        var data = TestData.WriteSpurious();
        // Rungs at 200 and 400: the slow learner is stopped at 200 with 400 steps to go, long after the watch's 100 ms batches.
        var yaml = SweepYaml(data, "training.optimizer.lr: [0.05, 0.00001]", steps: 600)
            + "\nselect: { metric: val_average_loss }\nearly_stop: { grace_steps: 200, reduction: 2 }";
        var spec = Read(yaml);
        var job = NewSweep();

        await job.SubmitAsync(spec, "local");
        var done = await UntilAsync(job, snapshot => snapshot.Status.IsTerminal(), "the end of the sweep");

        Assert.True(done.Status == JobStatus.Completed, done.Reason);
        Assert.Equal("1 of 2 trials stopped early", done.Reason);
        var (kept, stopped) = (done.Trials[0], done.Trials[1]);
        Assert.False(kept.Stopped);
        Assert.Equal(600, kept.Step);
        Assert.True(stopped.Stopped);
        Assert.Equal(JobStatus.Cancelled, stopped.Status);
        Assert.StartsWith("stopped early at rung 200: val_average_loss", stopped.Reason);
        var run = await fixture.Grains.GetGrain<IRunGrain>(stopped.RunId).GetSnapshotAsync();
        Assert.Equal(JobStatus.Cancelled, run.Status);
        Assert.True(run.LastProgress!.Step < 600, $"the stopped trial ran to step {run.LastProgress.Step}");
        var rows = SweepTable.Build(job.GetPrimaryKeyString(), spec, done.Trials);
        Assert.True(rows[0].Selected);
        Assert.Null(rows[1].Aggregates.ValAverageLoss);
    }

    [Fact]
    public async Task A_sweep_of_many_trials_that_fail_with_long_reasons_keeps_every_record()
    {
        // 200 trials, each failing with its ~450-character path in its reason: far more than a 64 KB state row holds.
        var data = TestData.WriteSpurious();
        var folder = Path.Combine(data, new string('d', 200), new string('e', 200));
        var paths = Enumerable.Range(0, 200).Select(i => Path.Combine(folder, $"missing-{i}.csv"));
        var spec = Read(SweepYaml(data, $"data.train: [{string.Join(", ", paths)}]", steps: 2, parallel: 8));
        var job = NewSweep();

        await job.SubmitAsync(spec, "local");
        var done = await UntilAsync(job, snapshot => snapshot.Status.IsTerminal(), "the end of the sweep");

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.StartsWith("no trial completed", done.Reason);
        Assert.Equal(200, done.Trials.Count);
        Assert.All(done.Trials, trial => Assert.Contains("missing-", trial.Reason));
        Assert.True(done.Trials.Sum(trial => trial.Reason!.Length) > 64 * 1024, $"{done.Trials.Sum(trial => trial.Reason!.Length)}: {done.Trials[0].Reason}");
    }
}
