using Minimax.Engine.Metrics;
using Minimax.Engine.Tests.Models;
using Minimax.Engine.Text;
using Minimax.Engine.Training;

namespace Minimax.Engine.Tests.Metrics;

public sealed class LmEvaluatorTests
{
    [Fact]
    public void Tallies_tokens_correct_predictions_and_losses_per_domain()
    {
        var random = TinyLm.RandomWindows(7, domains: 3, seed: 1);
        var windows = new TokenWindows(random.Context, random.Tokens, [2, 0, 2, 2, 1, 0, 2]);
        using var model = TinyLm.Create(seed: 2, dropout: 0.4);

        var tally = LmEvaluator.Tally(model, windows, domainCount: 4, batchSize: 3);

        Assert.True(model.training, "the model's mode is restored");
        Assert.Equal([2L * TinyLm.Context, 1L * TinyLm.Context, 4L * TinyLm.Context, 0], tally.Counts);
        Assert.All(Enumerable.Range(0, 4), d => Assert.InRange(tally.Correct[d], 0, tally.Counts[d]));
        Assert.Equal(0, tally.LossSums[3]);

        // Same sums as a training forward without dropout, and independent of the batch size.
        using var noDropout = TinyLm.Create(seed: 2);
        using var step = new LmShardStep(noDropout, null, windows, 4);
        var stats = step.Forward(Enumerable.Range(0, windows.Count).ToArray());
        var whole = LmEvaluator.Tally(noDropout, windows, domainCount: 4);
        for (var d = 0; d < 4; d++)
        {
            Assert.Equal(stats.LossSums[d], tally.LossSums[d], 1e-4);
            Assert.Equal(whole.LossSums[d], tally.LossSums[d], 1e-4);
            Assert.Equal(whole.Correct[d], tally.Correct[d]);
        }
    }

    [Fact]
    public void A_trained_model_predicts_a_periodic_sequence()
    {
        var windows = TinyLm.PeriodicWindows(10, period: 3);
        using var model = TinyLm.Create(seed: 3);
        using var step = new LmShardStep(model, null, windows, 1);
        using var optimizer = OptimizerFactory.Create(
            new OptimizerOptions(OptimizerKind.AdamW, 1e-2, 0, 0, 0.9, 0.99, 1e-8), model.parameters());
        var rows = Enumerable.Range(0, windows.Count).ToArray();
        for (var i = 0; i < 40; i++)
        {
            var stats = step.Forward(rows);
            step.Backward([1.0 / stats.Counts[0]]);
            optimizer.step();
        }

        var tally = LmEvaluator.Tally(model, windows, 1);
        Assert.Equal(10L * TinyLm.Context, tally.Counts[0]);
        Assert.Equal(tally.Counts[0], tally.Correct[0]);
    }
}
