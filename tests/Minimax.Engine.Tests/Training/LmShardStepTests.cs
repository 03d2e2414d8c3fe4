using Minimax.Engine.Models;
using Minimax.Engine.Objectives;
using Minimax.Engine.Tests.Models;
using Minimax.Engine.Text;
using Minimax.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Minimax.Engine.Tests.Training;

public sealed class LmShardStepTests
{
    private const int Domains = 3;

    [Fact]
    public void Forward_statistics_and_gradient_match_a_manual_computation()
    {
        var windows = TinyLm.RandomWindows(12, Domains, seed: 1);
        using var model = TinyLm.Create(seed: 2);
        int[] rows = [0, 4, 5, 7, 9, 11, 2];
        double[] coefficients = [0.5, 1.5, 0.25];

        using var step = new LmShardStep(model, null, windows, Domains);
        var stats = step.Forward(rows);
        step.Backward(coefficients);
        var gradient = ParameterVector.ReadGradients(model);

        var (losses, _) = PerTokenLosses(model, null, windows, rows);
        var expectedSums = new double[Domains];
        var expectedCounts = new long[Domains];
        var manual = 0.0;
        for (var i = 0; i < rows.Length; i++)
        {
            var d = windows.Domains[rows[i]];
            expectedSums[d] += losses[i].Sum();
            expectedCounts[d] += TinyLm.Context;
            manual += coefficients[d] * losses[i].Sum();
        }

        Assert.Null(stats.ExtraSums);
        Assert.Empty(step.ExtraStatistics);
        Assert.Equal(expectedCounts, stats.Counts);
        for (var d = 0; d < Domains; d++)
        {
            Assert.Equal(expectedSums[d], stats.LossSums[d], 1e-4);
        }

        float[] expected;
        using (var scope = NewDisposeScope())
        {
            model.zero_grad();
            var (inputs, targets) = Batch(windows, rows);
            var weights = tensor(rows.Select(r => (float)coefficients[windows.Domains[r]]).ToArray()).unsqueeze(1);
            var loss = (model.PerTokenLoss(inputs, targets) * weights).sum();
            Assert.Equal(manual, loss.item<float>(), 1e-3);
            loss.backward();
            expected = ParameterVector.ReadGradients(model);
        }

        AssertClose(expected, gradient, 1e-5);
    }

    [Fact]
    public void Excess_is_clipped_per_token_before_summing()
    {
        var windows = TinyLm.RandomWindows(9, Domains, seed: 3);
        using var model = TinyLm.Create(seed: 4);
        using var reference = TinyLm.Create(seed: 5, dropout: 0.3);
        int[] rows = [0, 1, 2, 3, 4, 5, 6, 7, 8];

        using var step = new LmShardStep(model, reference, windows, Domains);
        var stats = step.Forward(rows);
        step.Backward(new double[Domains]);
        var (modelLosses, referenceLosses) = PerTokenLosses(model, reference, windows, rows);

        var clippedPerToken = new double[Domains];
        var differenceSums = new double[Domains];
        for (var i = 0; i < rows.Length; i++)
        {
            var d = windows.Domains[rows[i]];
            for (var t = 0; t < TinyLm.Context; t++)
            {
                var difference = modelLosses[i][t] - referenceLosses![i][t];
                clippedPerToken[d] += Math.Max(difference, 0);
                differenceSums[d] += difference;
            }
        }

        Assert.Equal([StatisticNames.ClippedExcess], step.ExtraStatistics);
        var excess = stats.Extra(StatisticNames.ClippedExcess);
        Assert.True(reference.training, "the reference's mode is restored");
        for (var d = 0; d < Domains; d++)
        {
            Assert.Equal(clippedPerToken[d], excess[d], 1e-4);
            // Two random models disagree both ways, so clipping the sum (or mean) would give less.
            Assert.True(excess[d] > Math.Max(differenceSums[d], 0) + 0.1, $"domain {d}: {excess[d]} vs {differenceSums[d]}");
        }
    }

    [Fact]
    public void A_copy_as_reference_has_no_excess_and_a_trained_reference_has_positive_excess()
    {
        var windows = TinyLm.PeriodicWindows(6, period: 4);
        var domains = new TokenWindows(windows.Context, windows.Tokens, [0, 1, 2, 0, 1, 2]);
        using var model = TinyLm.Create(seed: 6);
        using var copy = TinyLm.Create(seed: 6);
        using var trained = TinyLm.Create(seed: 7);
        Train(trained, domains, steps: 30);
        int[] rows = [0, 1, 2, 3, 4, 5];

        using (var step = new LmShardStep(model, copy, domains, Domains))
        {
            Assert.All(step.Forward(rows).Extra(StatisticNames.ClippedExcess), e => Assert.Equal(0, e, 1e-9));
        }

        using (var step = new LmShardStep(model, trained, domains, Domains))
        {
            var stats = step.Forward(rows);
            Assert.All(stats.Extra(StatisticNames.ClippedExcess), e => Assert.True(e > 1, $"excess {e}"));
        }
    }

    [Fact]
    public void Two_shards_sum_to_the_single_shard_gradient()
    {
        var windows = TinyLm.RandomWindows(10, Domains, seed: 8);
        using var model = TinyLm.Create(seed: 9);
        using var reference = TinyLm.Create(seed: 10);
        int[] rows = [0, 2, 3, 5, 6, 8, 9, 1];
        double[] coefficients = [0.2, 0.7, 0.1];

        using var whole = new LmShardStep(model, reference, windows, Domains);
        var stats = whole.Forward(rows);
        whole.Backward(coefficients);
        var single = ParameterVector.ReadGradients(model);

        using var first = new LmShardStep(model, reference, windows.Slice(0, 5), Domains);
        using var second = new LmShardStep(model, reference, windows.Slice(5, 5), Domains);
        var a = first.Forward(rows.Where(r => r < 5).ToArray());
        var b = second.Forward(rows.Where(r => r >= 5).Select(r => r - 5).ToArray());
        for (var d = 0; d < Domains; d++)
        {
            Assert.Equal(stats.LossSums[d], a.LossSums[d] + b.LossSums[d], 1e-4);
            Assert.Equal(stats.Extra(StatisticNames.ClippedExcess)[d], a.Extra(StatisticNames.ClippedExcess)[d] + b.Extra(StatisticNames.ClippedExcess)[d], 1e-4);
            Assert.Equal(stats.Counts[d], a.Counts[d] + b.Counts[d]);
        }

        first.Backward(coefficients);
        var gradientA = ParameterVector.ReadGradients(model);
        second.Backward(coefficients);
        var gradientB = ParameterVector.ReadGradients(model);
        AssertClose(single, gradientA.Zip(gradientB, (x, y) => x + y).ToArray(), 1e-5);
    }

    [Fact]
    public void Empty_rows_give_zero_statistics_and_zero_gradient()
    {
        var windows = TinyLm.RandomWindows(4, Domains, seed: 11);
        using var model = TinyLm.Create(seed: 12);
        using var reference = TinyLm.Create(seed: 13);
        using var step = new LmShardStep(model, reference, windows, Domains);
        step.Backward([1, 1, 1]);
        step.Forward([0, 1]);
        step.Backward([1, 1, 1]);
        Assert.Contains(ParameterVector.ReadGradients(model), g => g != 0);

        var stats = step.Forward([]);
        step.Backward([1, 1, 1]);
        Assert.All(stats.LossSums, s => Assert.Equal(0, s));
        Assert.All(stats.Counts, c => Assert.Equal(0, c));
        Assert.All(stats.Extra(StatisticNames.ClippedExcess), e => Assert.Equal(0, e));
        Assert.All(ParameterVector.ReadGradients(model), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Repeated_steps_leave_no_live_tensors_behind()
    {
        var windows = TinyLm.RandomWindows(9, Domains, seed: 14);
        using var model = TinyLm.Create(seed: 15, dropout: 0.2);
        using var reference = TinyLm.Create(seed: 16);
        using var step = new LmShardStep(model, reference, windows, Domains);
        var stats = DisposeScopeManager.Statistics;
        step.Forward([0, 1]);
        step.Backward([1, 1, 1]);
        var live = stats.ThreadTotalLiveCount;
        for (var i = 0; i < 5; i++)
        {
            step.Forward([i, i + 3]);
            step.Backward([0.1, 0.2, 0.3]);
        }

        Assert.Equal(live, stats.ThreadTotalLiveCount);
    }

    /// <summary>Per-token losses of the rows, [row][token], for the model and optionally the reference, in eval mode.</summary>
    private static (double[][] Model, double[][]? Reference) PerTokenLosses(
        TransformerLm model, TransformerLm? reference, TokenWindows windows, int[] rows)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (inputs, targets) = Batch(windows, rows);
        model.eval();
        reference?.eval();
        try
        {
            return (Rows(model.PerTokenLoss(inputs, targets)), reference is null ? null : Rows(reference.PerTokenLoss(inputs, targets)));
        }
        finally
        {
            model.train();
            reference?.train();
        }

        double[][] Rows(Tensor losses) =>
            Enumerable.Range(0, rows.Length).Select(i => losses[i].to(ScalarType.Float64).data<double>().ToArray()).ToArray();
    }

    private static (Tensor Inputs, Tensor Targets) Batch(TokenWindows windows, int[] rows)
    {
        var batch = tensor(rows.SelectMany(r => windows.Window(r).ToArray()).ToArray(), [rows.Length, windows.WindowLength]);
        return (batch[.., ..windows.Context], batch[.., 1..]);
    }

    private static void Train(TransformerLm model, TokenWindows windows, int steps)
    {
        using var optimizer = OptimizerFactory.Create(
            new OptimizerOptions(OptimizerKind.AdamW, 1e-2, 0, 0, 0.9, 0.99, 1e-8), model.parameters());
        using var scope = NewDisposeScope();
        var (inputs, targets) = Batch(windows, Enumerable.Range(0, windows.Count).ToArray());
        for (var i = 0; i < steps; i++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            model.PerTokenLoss(inputs, targets).mean().backward();
            optimizer.step();
        }
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
