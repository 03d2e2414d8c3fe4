using Minimax.Engine.Randomness;

namespace Minimax.Engine.Tests.Randomness;

public sealed class SplitMix64Tests
{
    [Fact]
    public void Matches_the_published_sequence_for_seed_zero()
    {
        var rng = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
    }

    [Fact]
    public void State_resumes_the_sequence_and_ranges_hold()
    {
        var rng = new SplitMix64(42);
        rng.NextUInt64();
        var copy = new SplitMix64(0) { State = rng.State };
        Assert.Equal(rng.NextUInt64(), copy.NextUInt64());

        var counts = new int[3];
        for (var i = 0; i < 30_000; i++)
        {
            var d = rng.NextDouble();
            Assert.InRange(d, 0.0, 0.9999999999999999);
            counts[rng.NextInt(3)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_400, 10_600));
    }
}
