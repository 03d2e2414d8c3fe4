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

    /// <summary>The element-wise sum, in argument order (so every run sums in the same order).</summary>
    public static FlatTensor Sum(IReadOnlyList<FlatTensor> tensors) => tensors.Count == 1
        ? tensors[0]
        : Create(tensors[0].Length, total =>
        {
            tensors[0].Span.CopyTo(total);
            for (var t = 1; t < tensors.Count; t++)
            {
                var addend = tensors[t].Span;
                for (var i = 0; i < total.Length; i++)
                {
                    total[i] += addend[i];
                }
            }
        });
}
