using System.Runtime.InteropServices;
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

    /// <summary>Copies the parameters into <paramref name="destination"/> (length <see cref="Count"/>).</summary>
    public static void Read(nn.Module m, Span<float> destination)
    {
        using var scope = NewDisposeScope();
        foreach (var (p, offset, length) in Layout(m, destination.Length))
        {
            CopyOut(p.detach(), destination.Slice(offset, length));
        }
    }

    /// <summary>Copies the gradients into <paramref name="destination"/>, zeros where a parameter has none.</summary>
    public static void ReadGradients(nn.Module m, Span<float> destination)
    {
        using var scope = NewDisposeScope();
        foreach (var (p, offset, length) in Layout(m, destination.Length))
        {
            if (p.grad is { } grad)
            {
                CopyOut(grad, destination.Slice(offset, length));
            }
            else
            {
                destination.Slice(offset, length).Clear();
            }
        }
    }

    public static float[] Read(nn.Module m)
    {
        var values = new float[Count(m)];
        Read(m, values);
        return values;
    }

    public static void Write(nn.Module m, ReadOnlySpan<float> values)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (p, offset, length) in Layout(m, values.Length))
        {
            CopyIn(p, values.Slice(offset, length));
        }
    }

    /// <summary>Writes the parameters to <paramref name="destination"/> as float32 bytes, one parameter at a time (no copy of the whole vector).</summary>
    public static void Save(nn.Module m, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var scope = NewDisposeScope();
        foreach (var (p, _, length) in Layout(m, Count(m)))
        {
            var values = p.detach();
            if (IsHostFloat(values))
            {
                destination.Write(values.bytes);
            }
            else
            {
                var copy = new float[length];
                CopyOut(values, copy);
                destination.Write(MemoryMarshal.AsBytes(copy.AsSpan()));
            }
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote back into the parameters, one parameter at a time.</summary>
    public static void Load(nn.Module m, Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (p, _, length) in Layout(m, Count(m)))
        {
            if (IsHostFloat(p))
            {
                source.ReadExactly(p.bytes);
            }
            else
            {
                var values = new float[length];
                source.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
                CopyIn(p, values);
            }
        }
    }

    /// <summary>The gradients, with zeros for parameters that have none yet.</summary>
    public static float[] ReadGradients(nn.Module m)
    {
        var values = new float[Count(m)];
        ReadGradients(m, values);
        return values;
    }

    public static void WriteGradients(nn.Module m, ReadOnlySpan<float> values)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (p, offset, length) in Layout(m, values.Length))
        {
            if (p.grad is { } grad)
            {
                CopyIn(grad, values.Slice(offset, length));
            }
            else
            {
                p.grad = FromSpan(values.Slice(offset, length), p).DetachFromDisposeScope();
            }
        }
    }

    /// <summary>
    /// Whether every gradient is finite: one sum per parameter in its own type (NaN and infinity survive a
    /// sum), checked value by value only when a sum is not finite, rather than a copy of the gradients.
    /// </summary>
    public static bool GradientsFinite(nn.Module m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return AllFinite(m.parameters().Select(p => p.grad).OfType<Tensor>());
    }

    /// <summary>Whether every parameter is finite, checked as <see cref="GradientsFinite"/> checks gradients.</summary>
    public static bool ParametersFinite(nn.Module m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return AllFinite(m.parameters());
    }

    private static bool AllFinite(IEnumerable<Tensor> tensors)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var all = tensors.ToList();
        // One pass, no copy: NaN and infinities survive a sum in the tensor's own type, so a finite total means
        // every value is finite. A non-finite total may also be finite values overflowing, so only then is each
        // value checked (a float64 sum, the exact check, converts every tensor first and costs several times more).
        var total = 0.0;
        foreach (var tensor in all)
        {
            total += tensor.sum().to_type(ScalarType.Float64).item<double>();
        }
        return double.IsFinite(total) || all.All(tensor => tensor.isfinite().all().item<bool>());
    }

    /// <summary>Where each parameter sits in the flat vector, in parameters() order; checks the vector's length.</summary>
    private static List<(Parameter Parameter, int Offset, int Length)> Layout(nn.Module m, int vectorLength)
    {
        ArgumentNullException.ThrowIfNull(m);
        var layout = new List<(Parameter, int, int)>();
        var offset = 0;
        foreach (var p in m.parameters())
        {
            var length = (int)p.numel();
            layout.Add((p, offset, length));
            offset += length;
        }
        if (offset != vectorLength)
        {
            throw new ArgumentException($"The module has {offset} parameters, the vector {vectorLength}.");
        }
        return layout;
    }

    /// <summary>
    /// PyTorch's default initialisations, drawn from <see cref="SplitMix64"/> rather than torch's global RNG so
    /// that they are thread-safe and reproducible: every Linear's weight and bias ~ U(−1/√fan_in, 1/√fan_in),
    /// every Embedding's weight ~ N(0, 1), every LayerNorm's weight = 1 and bias = 0.
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
                switch (module)
                {
                    case Linear linear:
                        var weight = linear.weight ?? throw new InvalidOperationException("A Linear layer has no weight.");
                        var bound = 1.0 / Math.Sqrt(weight.shape[1]);
                        weight.copy_(Uniform(rng, weight, bound));
                        if (linear.bias is { } bias)
                        {
                            bias.copy_(Uniform(rng, bias, bound));
                        }

                        break;
                    case Embedding embedding:
                        var table = embedding.weight ?? throw new InvalidOperationException("An Embedding has no weight.");
                        table.copy_(Normal(rng, table));
                        break;
                    case LayerNorm norm:
                        norm.weight?.fill_(1);
                        norm.bias?.zero_();
                        break;
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

    /// <summary>Standard normal values by Box–Muller, two per pair of uniforms.</summary>
    private static Tensor Normal(SplitMix64 rng, Tensor like)
    {
        var values = new float[like.numel()];
        for (var i = 0; i < values.Length; i += 2)
        {
            var radius = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble()));
            var angle = 2 * Math.PI * rng.NextDouble();
            values[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < values.Length)
            {
                values[i + 1] = (float)(radius * Math.Sin(angle));
            }
        }

        return tensor(values, like.shape).to(like.device);
    }

    private static void CopyOut(Tensor t, Span<float> destination)
    {
        if (IsHostFloat(t))
        {
            // Span over the tensor's own memory: one memcpy instead of an element-wise accessor.
            MemoryMarshal.Cast<byte, float>(t.bytes).CopyTo(destination);
            return;
        }
        t.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray().CopyTo(destination);
    }

    private static bool IsHostFloat(Tensor t) =>
        t.device_type == DeviceType.CPU && t.dtype == ScalarType.Float32 && t.is_contiguous();

    /// <summary>Copies <paramref name="values"/> into <paramref name="target"/> (no autograd).</summary>
    private static void CopyIn(Tensor target, ReadOnlySpan<float> values)
    {
        if (IsHostFloat(target))
        {
            values.CopyTo(MemoryMarshal.Cast<byte, float>(target.bytes));
        }
        else
        {
            target.copy_(FromSpan(values, target));
        }
    }

    private static Tensor FromSpan(ReadOnlySpan<float> values, Tensor like) =>
        tensor(values.ToArray(), like.shape).to(like.dtype).to(like.device);
}
