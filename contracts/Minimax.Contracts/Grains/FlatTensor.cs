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
}
