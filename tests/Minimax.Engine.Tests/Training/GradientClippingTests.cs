using Minimax.Engine.Models;
using Minimax.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Minimax.Engine.Tests.Training;

/// <summary>training.max_grad_norm: the whole model's gradient, clipped by its total L2 norm.</summary>
public sealed class GradientClippingTests
{
    // Gradients 3 and 4 across the weight and the bias: a total norm of 5 that no single tensor has.
    private static readonly float[] WeightGradient = [3, 0, 0, 0];
    private static readonly float[] BiasGradient = [0, 4];

    [Fact]
    public void A_gradient_above_the_limit_is_scaled_to_it_across_all_parameters()
    {
        using var layer = LayerWithGradient();

        var norm = GradientClipping.ClipTotalNorm(layer, 1.0);

        Assert.Equal(5.0, norm, 5);
        var clipped = ParameterVector.ReadGradients(layer);
        Assert.Equal(1.0, Math.Sqrt(clipped.Sum(g => (double)g * g)), 5);
        // One factor for every parameter: the direction is kept.
        Assert.Equal([0.6f, 0, 0, 0, 0, 0.8f], clipped, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Theory]
    [InlineData(5.5)]
    [InlineData(100.0)]
    public void A_gradient_below_the_limit_is_left_bit_for_bit(double maxNorm)
    {
        using var layer = LayerWithGradient();
        var before = ParameterVector.ReadGradients(layer);

        var norm = GradientClipping.ClipTotalNorm(layer, maxNorm);

        Assert.Equal(5.0, norm, 5);
        Assert.Equal(before, ParameterVector.ReadGradients(layer));
    }

    private static nn.Module LayerWithGradient()
    {
        var layer = nn.Linear(2, 2);
        using var scope = NewDisposeScope();
        // d/dw sum(w * c) = c: a loss whose gradient is chosen exactly.
        var loss = (layer.weight! * tensor(WeightGradient, [2, 2])).sum() + (layer.bias! * tensor(BiasGradient)).sum();
        loss.backward();
        return layer;
    }
}
