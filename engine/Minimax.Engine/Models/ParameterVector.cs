using Minimax.Engine.Randomness;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Minimax.Engine.Models;

/// <summary>
/// A module's parameters (or gradients) as one flat float vector in <c>parameters()</c> order:
/// what the coordinator broadcasts and what workers send back.
/// </summary>
public static class ParameterVector
{
    public static int Count(nn.Module m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return checked((int)m.parameters().Sum(p => p.numel()));
    }

    public static float[] Read(nn.Module m)
    {
        ArgumentNullException.ThrowIfNull(m);
        using var scope = NewDisposeScope();
        var values = new float[Count(m)];
        var offset = 0;
        foreach (var p in m.parameters())
        {
            offset += CopyOut(p.detach(), values, offset);
        }

        return values;
    }

    public static void Write(nn.Module m, ReadOnlySpan<float> values)
    {
        ArgumentNullException.ThrowIfNull(m);
        CheckLength(m, values.Length);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var offset = 0;
        foreach (var p in m.parameters())
        {
            var n = (int)p.numel();
            p.copy_(FromSpan(values.Slice(offset, n), p));
            offset += n;
        }
    }

    /// <summary>The gradients, with zeros for parameters that have none yet.</summary>
    public static float[] ReadGradients(nn.Module m)
    {
        ArgumentNullException.ThrowIfNull(m);
        using var scope = NewDisposeScope();
        var values = new float[Count(m)];
        var offset = 0;
        foreach (var p in m.parameters())
        {
            var grad = p.grad;
            if (grad is null)
            {
                offset += (int)p.numel();
            }
            else
            {
                offset += CopyOut(grad, values, offset);
            }
        }

        return values;
    }

    public static void WriteGradients(nn.Module m, ReadOnlySpan<float> values)
    {
        ArgumentNullException.ThrowIfNull(m);
        CheckLength(m, values.Length);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var offset = 0;
        foreach (var p in m.parameters())
        {
            var n = (int)p.numel();
            var source = FromSpan(values.Slice(offset, n), p);
            var grad = p.grad;
            if (grad is null)
            {
                p.grad = source.clone();
            }
            else
            {
                grad.copy_(source);
            }

            offset += n;
        }
    }

    /// <summary>
    /// Every Linear's weight and bias ~ U(−1/√fan_in, 1/√fan_in) (PyTorch's default bound), drawn from
    /// <see cref="SplitMix64"/> rather than torch's global RNG so that it is thread-safe and reproducible.
    /// </summary>
    public static float[] Initialize(nn.Module m, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(m);
        var rng = new SplitMix64(seed);
        using (var scope = NewDisposeScope())
        using (var noGrad = no_grad())
        {
            foreach (var module in m.modules())
            {
                if (module is not Linear linear)
                {
                    continue;
                }

                var weight = linear.weight ?? throw new InvalidOperationException("A Linear layer has no weight.");
                var bound = 1.0 / Math.Sqrt(weight.shape[1]);
                weight.copy_(Uniform(rng, weight, bound));
                if (linear.bias is { } bias)
                {
                    bias.copy_(Uniform(rng, bias, bound));
                }
            }
        }

        return Read(m);
    }

    private static Tensor Uniform(SplitMix64 rng, Tensor like, double bound)
    {
        var values = new float[like.numel()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((2 * rng.NextDouble() - 1) * bound);
        }

        return tensor(values, like.shape).to(like.device);
    }

    private static int CopyOut(Tensor t, float[] destination, int offset)
    {
        var data = t.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        data.CopyTo(destination, offset);
        return data.Length;
    }

    private static Tensor FromSpan(ReadOnlySpan<float> values, Tensor like) =>
        tensor(values.ToArray(), like.shape).to(like.dtype).to(like.device);

    private static void CheckLength(nn.Module m, int length)
    {
        var expected = Count(m);
        if (length != expected)
        {
            throw new ArgumentException($"The module has {expected} parameters, the vector {length}.");
        }
    }
}
