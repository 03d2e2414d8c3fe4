using Minimax.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Minimax.Engine.Tests.Models;

public sealed class ParameterVectorTests
{
    [Fact]
    public void Initialize_is_deterministic_and_within_the_fan_in_bound()
    {
        using var a = new Mlp(5, [8, 4], 3, MlpActivation.Relu, 0.1);
        using var b = new Mlp(5, [8, 4], 3, MlpActivation.Relu, 0.1);
        var first = ParameterVector.Initialize(a, 123);
        var second = ParameterVector.Initialize(b, 123);
        Assert.Equal(5 * 8 + 8 + 8 * 4 + 4 + 4 * 3 + 3, ParameterVector.Count(a));
        Assert.Equal(first, second);
        Assert.Equal(first, ParameterVector.Read(b));
        Assert.NotEqual(first, ParameterVector.Initialize(b, 124));
        Assert.All(first.AsSpan(0, 48).ToArray(), v => Assert.InRange(Math.Abs(v), 0, 1 / Math.Sqrt(5)));
        Assert.Contains(first.AsSpan(0, 48).ToArray(), v => Math.Abs(v) > 0.3);
    }

    [Fact]
    public void Write_then_read_round_trips_parameters_and_gradients()
    {
        using var model = new Mlp(3, [4], 2, MlpActivation.Tanh, 0);
        var values = Enumerable.Range(0, ParameterVector.Count(model)).Select(i => i * 0.01f - 0.1f).ToArray();
        ParameterVector.Write(model, values);
        Assert.Equal(values, ParameterVector.Read(model));

        Assert.All(ParameterVector.ReadGradients(model), g => Assert.Equal(0f, g));
        var gradients = values.Select(v => v * 2).ToArray();
        ParameterVector.WriteGradients(model, gradients);
        Assert.Equal(gradients, ParameterVector.ReadGradients(model));
        ParameterVector.WriteGradients(model, values);
        Assert.Equal(values, ParameterVector.ReadGradients(model));
    }

    [Fact]
    public void Gelu_model_runs_forward()
    {
        using var model = new Mlp(3, [4, 4], 2, MlpActivation.Gelu, 0.5);
        ParameterVector.Initialize(model, 1);
        using var scope = NewDisposeScope();
        var output = model.forward(ones(7, 3));
        Assert.Equal([7L, 2L], output.shape);
    }

    [Theory]
    [InlineData(0.5f, true)]
    [InlineData(float.NaN, false)]
    [InlineData(float.PositiveInfinity, false)]
    [InlineData(float.NegativeInfinity, false)]
    // Finite values whose sum overflows float32: the fast sum is infinite, the exact check says finite.
    [InlineData(3e38f, true)]
    public void Gradients_are_finite_exactly_when_every_value_is(float planted, bool finite)
    {
        using var model = new Mlp(3, [4], 2, MlpActivation.Tanh, 0);
        var gradients = Enumerable.Range(0, ParameterVector.Count(model)).Select(i => i * 0.01f).ToArray();
        // Planted in two parameters, so an overflow needs two large values to meet in one sum.
        gradients[0] = planted;
        gradients[1] = planted;
        ParameterVector.WriteGradients(model, gradients);

        Assert.Equal(finite, ParameterVector.GradientsFinite(model));
        Assert.True(ParameterVector.ParametersFinite(model));
    }
}
