using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;
using Minimax.Grains.Telemetry;

namespace Minimax.Grains.Tests;

/// <summary>
/// The "Minimax" meter seen by a listener in the test process while the in-process silos train. The collection
/// runs alone (the meter is process-wide and its counters carry no job tag).
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_run_exports_every_instrument_with_its_tags_and_its_series_end_with_it()
    {
        MinimaxMetrics.MaxGroupsPerJob = MinimaxMetrics.DefaultMaxGroupsPerJob;
        using var recorder = new MetricsRecorder();
        var runId = $"metrics-{Guid.NewGuid():N}";
        var spec = TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.GroupDro, workers: 2, steps: 12) with { };
        spec = spec with { Training = spec.Training with { CheckpointEvery = 4 } };

        await CompletedRun.TrainAsync(fixture.Grains, runId, spec, Timeout);

        Assert.Equal(12, recorder.Of("minimax.run.steps").Sum(m => m.Value));
        var phases = recorder.Of("minimax.run.step.duration").GroupBy(m => m.Tags["phase"]).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.Equal(["backward_exchange_step", "forward", "weight_update"], phases.Keys.Order());
        Assert.All(phases.Values, timings => Assert.Equal(12, timings.Length));
        Assert.All(phases.Values.SelectMany(t => t), m => Assert.InRange(m.Value, 0, 60));
        Assert.True(recorder.Of("minimax.gradient.bytes").Sum(m => m.Value) > 0);
        // Checkpoints at steps 4 and 8, and the final model.
        Assert.Equal(3, recorder.Of("minimax.checkpoint.duration").Count);
        Assert.True(recorder.Of("minimax.checkpoint.bytes").All(m => m.Value > 0));
        var completed = Assert.Single(recorder.Of("minimax.jobs.completed"), m => m.Tags["kind"] == JobKinds.Train);
        Assert.Equal("completed", completed.Tags["outcome"]);

        var live = recorder.Measurements.Where(m => m.Observed).ToArray();
        var active = live.Where(m => m.Name == "minimax.jobs.active" && m.Tags["kind"] == JobKinds.Train).ToArray();
        Assert.NotEmpty(active);
        Assert.All(active, m => Assert.Equal("local", m.Tags["tenant"]));
        Assert.All(active, m => Assert.Equal(1, m.Value));
        var weights = live.Where(m => m.Name == "minimax.group.weight" && m.Tags["job"] == runId).ToArray();
        Assert.All(weights.GroupBy(m => m.Observation), sample =>
        {
            Assert.Equal(4, sample.Count());
            Assert.Equal(1.0, sample.Sum(m => m.Value), 9);
        });
        Assert.Equal(4, live.Where(m => m.Name == "minimax.group.loss" && m.Tags["job"] == runId).Select(m => m.Tags["group"]).Distinct().Count());
        var accuracy = live.Where(m => m.Name == "minimax.eval.accuracy" && m.Tags["job"] == runId).ToArray();
        Assert.Equal(["test", "val"], accuracy.Select(m => m.Tags["split"]).Distinct().Order());
        Assert.All(accuracy, m => Assert.InRange(m.Value, 0, 1));
        var worst = live.Where(m => m.Name == "minimax.eval.worst_group_accuracy" && m.Tags["job"] == runId).ToArray();
        Assert.NotEmpty(worst);
        Assert.All(worst, m => Assert.InRange(m.Value, 0, 1));

        Assert.Superset(
            new HashSet<string>(["minimax.jobs.active", "minimax.jobs.pending", "minimax.jobs.completed", "minimax.run.steps",
                "minimax.run.step.duration", "minimax.group.loss", "minimax.group.weight", "minimax.eval.accuracy",
                "minimax.eval.worst_group_accuracy", "minimax.gradient.bytes", "minimax.checkpoint.duration", "minimax.checkpoint.bytes"]),
            new HashSet<string>(recorder.Published));
        // The run has ended: none of its series remain, and it is neither active nor pending.
        var after = recorder.Observe();
        Assert.DoesNotContain(after, m => m.Tags.TryGetValue("job", out var job) && job == runId);
        Assert.DoesNotContain(after, m => m.Name is "minimax.jobs.active" or "minimax.jobs.pending" && m.Tags["kind"] == JobKinds.Train);
    }

    [Fact]
    public async Task The_groups_a_job_exports_are_capped()
    {
        MinimaxMetrics.MaxGroupsPerJob = 2;
        try
        {
            using var recorder = new MetricsRecorder();
            var runId = $"metrics-cap-{Guid.NewGuid():N}";

            await CompletedRun.TrainAsync(fixture.Grains, runId, TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.GroupDro, workers: 1, steps: 6), Timeout);

            var perGroup = recorder.Measurements
                .Where(m => m.Observed && m.Tags.TryGetValue("job", out var job) && job == runId && m.Tags.ContainsKey("group"))
                .ToArray();
            Assert.Equal(new[] { "minimax.eval.accuracy", "minimax.group.loss", "minimax.group.weight" }, perGroup.Select(m => m.Name).Distinct().Order());
            Assert.All(perGroup.GroupBy(m => m.Name), series => Assert.Equal(2, series.Select(m => m.Tags["group"]).Distinct().Count()));
        }
        finally
        {
            MinimaxMetrics.MaxGroupsPerJob = MinimaxMetrics.DefaultMaxGroupsPerJob;
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "metrics";
}
