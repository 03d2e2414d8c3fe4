namespace Minimax.Engine.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, seedable generator whose whole state is one
/// <see cref="ulong"/>, so it can be checkpointed and is independent of torch's global RNG.
/// </summary>
public sealed class SplitMix64
{
    public SplitMix64(ulong seed) => State = seed;

    public ulong State { get; set; }

    public ulong NextUInt64()
    {
        State += 0x9E3779B97F4A7C15UL;
        var z = State;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, maxExclusive), without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var bound = (ulong)maxExclusive;
        // 2^64 mod bound: rejecting draws below it leaves a multiple of bound equally likely values.
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = NextUInt64();
            if (r >= threshold)
            {
                return (int)(r % bound);
            }
        }
    }
}
