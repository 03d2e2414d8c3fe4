using Minimax.Engine.Data;
using Minimax.Engine.Metrics;
using Minimax.Engine.Models;

namespace Minimax.Engine.Tests.Metrics;

public sealed class EvaluatorTests
{
    [Fact]
    public void Score_gives_each_examples_prediction_and_loss_beside_the_tally()
    {
        // A linear head with identity weights: the logits are the features.
        using var model = new Mlp(2, [], 2, MlpActivation.Relu, 0.4);
        ParameterVector.Write(model, [1f, 0f, 0f, 1f, 0f, 0f]);
        var split = new TabularSplit([1f, 0f, 0f, 1f, 3f, 2f], 2, [0, 0, 1], [0, 1, 1]);

        var scored = Evaluator.Score(model, split, groupCount: 2, batchSize: 2);

        Assert.True(model.training, "the model's mode is restored");
        Assert.Equal([0, 1, 0], scored.Predictions);
        Assert.Equal([1L, 2], scored.Tally.Counts);
        Assert.Equal([1L, 0], scored.Tally.Correct);
        // Cross-entropy: log(e^a + e^b) minus the label's logit.
        double[] expected = [Math.Log(Math.E + 1) - 1, Math.Log(1 + Math.E) - 0, Math.Log(Math.Exp(3) + Math.Exp(2)) - 2];
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(expected[i], scored.Losses[i], 1e-6));
        Assert.Equal(expected[0], scored.Tally.LossSums[0], 1e-6);
        Assert.Equal(expected[1] + expected[2], scored.Tally.LossSums[1], 1e-6);
        Assert.Equal(scored.Tally.Correct, Evaluator.Tally(model, split, groupCount: 2).Correct);
    }
}
