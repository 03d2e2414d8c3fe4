using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Tests;

/// <summary>Evaluation workers score a completed run's final model exactly as the run's own test evaluation did.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EvaluationWorkerTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    // Trained once for the class (its tests run one after another), with standardised features so that
    // the scaling of the run's training split must be reproduced too.
    private static (string Data, string RunId, RunSpec Spec, SplitMetricsRecord Test)? trained;

    [Fact]
    public async Task One_and_three_shards_reproduce_the_runs_own_test_tally_and_the_same_predictions()
    {
        var run = await TrainedRunAsync();
        var spec = Evaluation(run.Data, run.RunId);
        ScoredModel[] models = [new("erm", run.RunId, run.Spec)];

        var one = await ScoreAsync(spec, 1, models);
        var three = await ScoreAsync(spec, 3, models);

        Assert.Equal([0, 40, 80], three.Select(shard => shard.FirstRow));
        foreach (var shards in new[] { one, three })
        {
            var counts = new long[4];
            var correct = new long[4];
            var losses = new double[4];
            foreach (var shard in shards)
            {
                Assert.Equal(4, shard.GroupCount);
                var tally = Assert.Single(shard.Models).Tally;
                for (var g = 0; g < 4; g++)
                {
                    counts[g] += tally.Counts[g];
                    correct[g] += tally.Correct[g];
                    losses[g] += tally.LossSums[g];
                }
            }

            foreach (var group in run.Test.Groups)
            {
                Assert.Equal(group.Count, counts[group.Group]);
                Assert.Equal(group.Accuracy, (double)correct[group.Group] / counts[group.Group]);
                Assert.Equal(group.Loss, losses[group.Group] / counts[group.Group], 6);
            }
        }

        var shard0 = Assert.Single(one);
        var predictions = Assert.Single(shard0.Models).Predictions!;
        Assert.Equal(120, predictions.Length);
        Assert.Equal(predictions, three.SelectMany(shard => shard.Models[0].Predictions!));
        Assert.Equal(shard0.Labels, three.SelectMany(shard => shard.Labels));
        Assert.Equal(shard0.Groups, three.SelectMany(shard => shard.Groups));
        Assert.Equal(Enumerable.Range(0, 120).Select(row => row.ToString(System.Globalization.CultureInfo.InvariantCulture)), shard0.ExampleIds);
        Assert.Null(shard0.Classes);
        // The predictions are the ones the tally counted.
        for (var g = 0; g < 4; g++)
        {
            var rows = Enumerable.Range(0, 120).Where(row => shard0.Groups[row] == g).ToArray();
            Assert.Equal(shard0.Models[0].Tally.Correct[g], rows.Count(row => predictions[row] == shard0.Labels[row]));
        }
    }

    [Fact]
    public async Task An_id_column_and_a_class_column_come_back_per_row()
    {
        var run = await TrainedRunAsync();
        var test = Path.Combine(run.Data, "test-with-ids.csv");
        var lines = File.ReadAllLines(Path.Combine(run.Data, "test.csv"));
        File.WriteAllLines(test, lines.Select((line, row) => row == 0 ? "example_id," + line : $"ex-{row - 1},{line}"));
        var spec = Evaluation(run.Data, run.RunId, "data.test=test-with-ids.csv", "data.id=example_id", "common_counter={class: a, common: [0, 3], counter: [1, 2]}");

        var shards = await ScoreAsync(spec, 2, [new("erm", run.RunId, run.Spec)]);

        Assert.Equal(Enumerable.Range(0, 120).Select(row => $"ex-{row}"), shards.SelectMany(shard => shard.ExampleIds));
        Assert.Equal(lines.Skip(1).Select(line => line.Split(',')[1]), shards.SelectMany(shard => shard.Classes!));
        Assert.Equal(run.Test.Groups.Select(group => group.Count), Enumerable.Range(0, 4).Select(g => shards.Sum(shard => shard.Models[0].Tally.Counts[g])));
    }

    [Fact]
    public async Task A_run_without_a_final_model_is_named()
    {
        var run = await TrainedRunAsync();
        var spec = Evaluation(run.Data, run.RunId, "models=[{name: erm, run: " + run.RunId + "}, {name: ghost, run: run-never-trained}]");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Worker(spec, 0).ScoreAsync(spec, "local", 0, 1, [new("ghost", "run-never-trained", run.Spec)]));

        Assert.StartsWith("models[1].run:", error.Message, StringComparison.Ordinal);
        Assert.Contains("'run-never-trained' has saved no final model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feature_columns_that_do_not_fit_the_model_are_named()
    {
        var run = await TrainedRunAsync();
        var fewer = Evaluation(run.Data, run.RunId, "data.features=[f0, f1]");

        var count = await Assert.ThrowsAsync<ArgumentException>(() => Worker(fewer, 0).ScoreAsync(fewer, "local", 0, 1, [new("erm", run.RunId, run.Spec)]));

        Assert.StartsWith("models[0].run:", count.Message, StringComparison.Ordinal);
        Assert.Contains("trained on 6 features (f0, f1, f2, f3, f4, f5), but data.features names 2", count.Message, StringComparison.Ordinal);

        var narrow = Path.Combine(run.Data, "test-without-f5.csv");
        File.WriteAllLines(narrow, File.ReadAllLines(Path.Combine(run.Data, "test.csv")).Select(line => line[..line.LastIndexOf(',')]));
        var missing = Evaluation(run.Data, run.RunId, "data.test=test-without-f5.csv");

        var column = await Assert.ThrowsAsync<ArgumentException>(() => Worker(missing, 0).ScoreAsync(missing, "local", 0, 1, [new("erm", run.RunId, run.Spec)]));

        Assert.StartsWith("models[0].run:", column.Message, StringComparison.Ordinal);
        Assert.Contains("data.test:", column.Message, StringComparison.Ordinal);
        Assert.Contains("'f5'", column.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_class_the_model_cannot_predict_is_named()
    {
        var run = await TrainedRunAsync();
        var lines = File.ReadAllLines(Path.Combine(run.Data, "test.csv"));
        lines[1] = "2" + lines[1][1..];
        File.WriteAllLines(Path.Combine(run.Data, "test-three-classes.csv"), lines);
        var spec = Evaluation(run.Data, run.RunId, "data.test=test-three-classes.csv");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Worker(spec, 0).ScoreAsync(spec, "local", 0, 1, [new("erm", run.RunId, run.Spec)]));

        Assert.StartsWith("models[0].run:", error.Message, StringComparison.Ordinal);
        Assert.Contains("predicts 2 classes, but data.label holds class 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_that_is_not_a_run_model_of_the_spec_is_refused()
    {
        var run = await TrainedRunAsync();
        var spec = Evaluation(run.Data, run.RunId);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Worker(spec, 0).ScoreAsync(spec, "local", 0, 1, [new("erm", "run-other", run.Spec)]));

        Assert.StartsWith("models:", error.Message, StringComparison.Ordinal);
    }

    private static EvaluationSpec Evaluation(string data, string runId, params string[] overrides) => EvaluationSpecReader.Read(
        $$"""
        kind: evaluation
        name: self-test
        data: { test: test.csv, label: y, groups_by: [a] }
        models:
          - { name: erm, run: {{runId}} }
        """,
        overrides,
        data);

    private IEvaluationWorkerGrain Worker(EvaluationSpec spec, int shard) =>
        fixture.Grains.GetGrain<IEvaluationWorkerGrain>($"eval-{spec.Name}-{Guid.NewGuid():N}/{shard}");

    private async Task<ShardScores[]> ScoreAsync(EvaluationSpec spec, int shardCount, IReadOnlyList<ScoredModel> models)
    {
        var job = $"eval-{Guid.NewGuid():N}";
        return await Task.WhenAll(Enumerable.Range(0, shardCount).Select(shard =>
            fixture.Grains.GetGrain<IEvaluationWorkerGrain>($"{job}/{shard}").ScoreAsync(spec, "local", shard, shardCount, models)));
    }

    private async Task<(string Data, string RunId, RunSpec Spec, SplitMetricsRecord Test)> TrainedRunAsync()
    {
        if (trained is { } done)
        {
            return done;
        }

        var data = TestData.WriteSpurious();
        var spec = TestData.Spec(data, ObjectiveKind.GroupDro, workers: 2, steps: 30, evalEvery: 10);
        spec = spec with { Data = spec.Data with { Standardize = true } };
        var runId = $"scored-{Guid.NewGuid():N}";
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);
        await run.SubmitAsync(spec, "local");
        var (snapshot, _) = await RunWatcher.UntilTerminalAsync(run, Timeout);
        Assert.Equal("completed", snapshot.Status.ToWire());
        trained = (data, runId, spec, snapshot.Result!.Test!);
        return trained.Value;
    }
}
