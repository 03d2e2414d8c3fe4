using Minimax.Engine.Data;
using Minimax.Engine.Metrics;
using Minimax.Engine.Models;
using Minimax.Engine.Objectives;
using Minimax.Engine.Randomness;
using Minimax.Engine.Sampling;
using Minimax.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Minimax.Engine.Tests.Training;

public sealed class ShardStepTests
{
    private const int Groups = 4;

    [Fact]
    public void Erm_coefficients_give_the_mean_cross_entropy_gradient()
    {
        var split = Blobs(40, seed: 5);
        using var model = new Mlp(3, [6], 2, MlpActivation.Tanh, 0);
        ParameterVector.Initialize(model, 9);
        int[] rows = [3, 1, 4, 15, 9, 26, 5, 35, 8, 7];

        using var step = new ShardStep(model, split, Groups);
        var (sums, counts) = step.Forward(rows);
        var coefficients = new ErmRule(Groups).LossCoefficients(sums, counts);
        step.Backward(coefficients);
        var gradient = ParameterVector.ReadGradients(model);

        float[] expected;
        double expectedLoss;
        using (var scope = NewDisposeScope())
        {
            model.zero_grad();
            var x = tensor(rows.SelectMany(r => split.Features.AsSpan(r * 3, 3).ToArray()).ToArray(), [rows.Length, 3]);
            var y = tensor(rows.Select(r => (long)split.Labels[r]).ToArray());
            var loss = nn.functional.cross_entropy(model.forward(x), y);
            loss.backward();
            expectedLoss = loss.item<float>();
            expected = ParameterVector.ReadGradients(model);
        }

        Assert.Equal(expectedLoss, sums.Sum() / counts.Sum(), 1e-5);
        Assert.Equal(rows.Length, counts.Sum());
        AssertClose(expected, gradient, 1e-5);
    }

    [Fact]
    public void Two_shards_sum_to_the_single_shard_gradient()
    {
        var split = Blobs(20, seed: 6);
        using var model = new Mlp(3, [5, 4], 2, MlpActivation.Relu, 0);
        ParameterVector.Initialize(model, 2);
        int[] rows = [0, 2, 4, 6, 8, 11, 13, 15, 17, 19, 1, 12];

        using var whole = new ShardStep(model, split, Groups);
        var (sums, counts) = whole.Forward(rows);
        var rule = new GroupDroRule(Groups, 0.5, [1.0], [5, 5, 5, 5], normalizeLoss: false);
        var coefficients = rule.LossCoefficients(sums, counts);
        whole.Backward(coefficients);
        var single = ParameterVector.ReadGradients(model);

        using var first = new ShardStep(model, split.Slice(0, 10), Groups);
        using var second = new ShardStep(model, split.Slice(10, 10), Groups);
        var (sumsA, countsA) = first.Forward(rows.Where(r => r < 10).ToArray());
        var (sumsB, countsB) = second.Forward(rows.Where(r => r >= 10).Select(r => r - 10).ToArray());
        for (var g = 0; g < Groups; g++)
        {
            Assert.Equal(sums[g], sumsA[g] + sumsB[g], 1e-6);
            Assert.Equal(counts[g], countsA[g] + countsB[g]);
        }

        first.Backward(coefficients);
        var gradientA = ParameterVector.ReadGradients(model);
        second.Backward(coefficients);
        var gradientB = ParameterVector.ReadGradients(model);
        AssertClose(single, gradientA.Zip(gradientB, (a, b) => a + b).ToArray(), 1e-5);
    }

    [Fact]
    public void A_short_group_dro_run_separates_the_data()
    {
        var train = Blobs(256, seed: 1);
        var test = Blobs(128, seed: 2);
        using var model = new Mlp(3, [16], 2, MlpActivation.Relu, 0);
        var initial = ParameterVector.Initialize(model, 4);
        var trainCounts = new long[Groups];
        foreach (var g in train.Groups)
        {
            trainCounts[g]++;
        }

        var rule = new GroupDroRule(Groups, 0.01, [0.0], trainCounts, normalizeLoss: false);
        var sampler = new BatchSampler(train.Groups, 32, SamplingMode.InverseGroupFrequency, 8);
        var options = new OptimizerOptions(OptimizerKind.Sgd, 0.1, 0.9, 1e-4, 0.9, 0.999, 1e-8);
        using var optimizer = OptimizerFactory.Create(options, model.parameters());
        using var step = new ShardStep(model, train, Groups);
        for (var i = 0; i < 5 * sampler.StepsPerEpoch; i++)
        {
            var (sums, counts) = step.Forward(sampler.NextBatch());
            step.Backward(rule.LossCoefficients(sums, counts));
            optimizer.step();
        }

        Assert.NotEqual(initial, ParameterVector.Read(model));
        var metrics = SplitMetrics.From(Evaluator.Tally(model, test, Groups, batchSize: 50), trainCounts);
        Assert.True(metrics.AverageAccuracy > 0.95, $"accuracy {metrics.AverageAccuracy}");
        Assert.True(metrics.WorstGroupAccuracy > 0.9, $"worst-group accuracy {metrics.WorstGroupAccuracy}");
        Assert.True(model.training);
        Assert.Equal(5.0, sampler.Epoch, 1e-12);
    }

    [Fact]
    public void Repeated_steps_leave_no_live_tensors_behind()
    {
        var split = Blobs(40, seed: 3);
        using var model = new Mlp(3, [6], 2, MlpActivation.Gelu, 0.2);
        ParameterVector.Initialize(model, 1);
        using var step = new ShardStep(model, split, Groups);
        var rule = new ErmRule(Groups);
        var stats = DisposeScopeManager.Statistics;
        step.Backward(rule.LossCoefficients(step.Forward([0, 1, 2, 3]).LossSums, [1, 1, 1, 1]));
        var live = stats.ThreadTotalLiveCount;
        Assert.True(live > 0, "the live-tensor counter is not counting");
        for (var i = 0; i < 10; i++)
        {
            var (sums, counts) = step.Forward([i, i + 10, i + 20]);
            step.Backward(rule.LossCoefficients(sums, counts));
        }

        Assert.Equal(live, stats.ThreadTotalLiveCount);
    }

    [Fact]
    public void Adamw_optimizer_is_created()
    {
        using var model = new Mlp(2, [], 2, MlpActivation.Relu, 0);
        using var optimizer = OptimizerFactory.Create(new OptimizerOptions(OptimizerKind.AdamW, 1e-3, 0, 0.01, 0.9, 0.999, 1e-8), model.parameters());
        Assert.NotNull(optimizer);
    }

    // Label y = [x0 + x1 > 0]; attribute = [x2 > 0]; group = 2y + attribute.
    private static TabularSplit Blobs(int rows, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var features = new float[rows * 3];
        var labels = new int[rows];
        var groups = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var y = i % 2;
            var attribute = (i / 2) % 2;
            var margin = (float)(0.5 + rng.NextDouble());
            var along = (float)(2 * rng.NextDouble() - 1);
            features[i * 3] = (y == 1 ? margin : -margin) + along;
            features[i * 3 + 1] = (y == 1 ? margin : -margin) - along;
            features[i * 3 + 2] = (float)((attribute == 1 ? 1 : -1) * (0.2 + rng.NextDouble()));
            labels[i] = y;
            groups[i] = 2 * y + attribute;
        }

        return new TabularSplit(features, 3, labels, groups);
    }

    private static void AssertClose(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}] expected {expected[i]}, got {actual[i]}");
        }
    }
}
