using Minimax.Engine.Models;
using Minimax.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Minimax.Engine.Tests.Models;

public sealed class TransformerLmTests
{
    [Fact]
    public void Logits_have_one_row_per_position_and_vocabulary_entry()
    {
        using var model = TinyLm.Create(seed: 1, dropout: 0.1);
        using var scope = NewDisposeScope();
        Assert.Equal([3L, TinyLm.Context, TinyLm.Vocabulary], model.forward(randint(TinyLm.Vocabulary, [3, TinyLm.Context])).shape);
        Assert.Equal([2L, 5, TinyLm.Vocabulary], model.forward(randint(TinyLm.Vocabulary, [2, 5])).shape);
        Assert.Throws<ArgumentException>(() => model.forward(zeros([1, TinyLm.Context + 1], ScalarType.Int64)));
    }

    [Fact]
    public void A_later_token_does_not_change_earlier_logits()
    {
        using var model = TinyLm.Create(seed: 2);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var tokens = randint(TinyLm.Vocabulary, [2, TinyLm.Context]);
        var before = model.forward(tokens);
        for (var t = 0; t < TinyLm.Context - 1; t++)
        {
            var changed = tokens.clone();
            changed[.., t + 1] = (changed[.., t + 1] + 1) % TinyLm.Vocabulary;
            var after = model.forward(changed);
            Assert.True(after[.., ..(t + 1)].allclose(before[.., ..(t + 1)], rtol: 0, atol: 1e-6), $"position ≤ {t} saw token {t + 1}");
            Assert.False(after[.., t + 1].allclose(before[.., t + 1]), $"position {t + 1} ignored its own token");
        }
    }

    [Fact]
    public void Initialize_is_deterministic_and_counts_every_parameter()
    {
        using var a = new TransformerLm(TinyLm.Options());
        using var b = new TransformerLm(TinyLm.Options());
        var first = ParameterVector.Initialize(a, 7);
        Assert.Equal(first, ParameterVector.Initialize(b, 7));
        Assert.NotEqual(first, ParameterVector.Initialize(b, 8));

        const int v = TinyLm.Vocabulary, c = TinyLm.Context, w = 16, f = 32;
        var block = 2 * 2 * w + (w * 3 * w + 3 * w) + (w * w + w) + (w * f + f) + (f * w + w);
        Assert.Equal(v * w + c * w + 2 * block + 2 * w + w * v + v, ParameterVector.Count(a));

        // Token embedding ~ N(0, 1): mean near 0, variance near 1.
        var embedding = first.AsSpan(0, v * w).ToArray();
        Assert.InRange(embedding.Average(), -0.2, 0.2);
        Assert.InRange(embedding.Select(x => x * x).Average(), 0.75, 1.25);
    }

    [Theory]
    [InlineData(0, 8, 2, 2, 16, 32, 0.0)]
    [InlineData(13, 8, 2, 3, 16, 32, 0.0)]
    [InlineData(13, 8, 0, 2, 16, 32, 0.0)]
    [InlineData(13, 8, 2, 2, 16, 32, 1.0)]
    public void Invalid_options_are_rejected(int vocabulary, int context, int layers, int heads, int width, int ff, double dropout) =>
        Assert.ThrowsAny<ArgumentException>(() => new TransformerOptions(vocabulary, context, layers, heads, width, ff, dropout).Validate());

    [Fact]
    public void Dropout_acts_in_train_mode_only()
    {
        using var model = TinyLm.Create(seed: 3, dropout: 0.5);
        using var scope = NewDisposeScope();
        var tokens = randint(TinyLm.Vocabulary, [2, TinyLm.Context]);
        model.train();
        Assert.False(model.forward(tokens).allclose(model.forward(tokens)));
        model.eval();
        Assert.True(model.forward(tokens).allclose(model.forward(tokens)));
    }

    [Fact]
    public void A_hundred_adamw_steps_learn_a_periodic_sequence()
    {
        using var model = TinyLm.Create(seed: 4);
        var windows = TinyLm.PeriodicWindows(count: 16, period: 5);
        var options = new OptimizerOptions(OptimizerKind.AdamW, 1e-2, 0, 0.01, 0.9, 0.99, 1e-8);
        using var optimizer = OptimizerFactory.Create(options, model.parameters());
        using var scope = NewDisposeScope();
        var batch = tensor(windows.Tokens, [windows.Count, windows.WindowLength]);
        var inputs = batch[.., ..TinyLm.Context];
        var targets = batch[.., 1..];
        var initial = 0.0;
        var final = 0.0;
        for (var step = 0; step < 100; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = model.PerTokenLoss(inputs, targets).mean();
            loss.backward();
            optimizer.step();
            final = loss.item<float>();
            if (step == 0)
            {
                initial = final;
            }
        }

        Assert.InRange(initial, 1.5, 5);
        Assert.True(final < 0.1 * initial, $"loss {initial} → {final}");
    }
}
