using System.Numerics;
using System.Runtime.InteropServices;

namespace Minimax.Contracts.Grains;

/// <summary>
/// A float vector (parameters or gradients) carried as one byte block: Orleans encodes byte[] in bulk
/// but float[] element by element, and [Immutable] skips the deep copy within a silo.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.FlatTensor")]
public sealed record FlatTensor([property: Id(0)] byte[] Bytes)
{
    public int Length => Bytes.Length / sizeof(float);

    public ReadOnlySpan<float> Span => MemoryMarshal.Cast<byte, float>(Bytes);

    public static FlatTensor From(ReadOnlySpan<float> values) => new(MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>Allocates once and lets <paramref name="fill"/> write the values before the tensor is shared.</summary>
    public static FlatTensor Create(int length, Action<Span<float>> fill)
    {
        var bytes = new byte[length * sizeof(float)];
        fill(MemoryMarshal.Cast<byte, float>(bytes.AsSpan()));
        return new FlatTensor(bytes);
    }

    /// <summary>total[i] += addend[i], vectorised; each element is one addition, so the order of sums is the caller's.</summary>
    public static void AddInto(Span<float> total, ReadOnlySpan<float> addend)
    {
        if (addend.Length != total.Length)
        {
            throw new ArgumentException($"Adding {addend.Length} values to {total.Length}.", nameof(addend));
        }
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var totals = MemoryMarshal.Cast<float, Vector<float>>(total);
            var addends = MemoryMarshal.Cast<float, Vector<float>>(addend);
            for (var v = 0; v < totals.Length; v++)
            {
                totals[v] += addends[v];
            }
            i = totals.Length * Vector<float>.Count;
        }
        for (; i < total.Length; i++)
        {
            total[i] += addend[i];
        }
    }
}
