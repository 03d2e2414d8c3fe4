using Minimax.Engine.Sampling;

namespace Minimax.Engine.Tests.Sampling;

public sealed class BatchSamplerTests
{
    private static readonly int[] Groups = Enumerable.Range(0, 103).Select(i => i < 80 ? 0 : i < 95 ? 1 : i < 100 ? 2 : 3).ToArray();

    [Theory]
    [InlineData(SamplingMode.Shuffle)]
    [InlineData(SamplingMode.InverseGroupFrequency)]
    public void Same_seed_gives_the_same_batches(SamplingMode mode)
    {
        var a = new BatchSampler(Groups, 10, mode, 7);
        var b = new BatchSampler(Groups, 10, mode, 7);
        var c = new BatchSampler(Groups, 10, mode, 8);
        var differs = false;
        for (var i = 0; i < 30; i++)
        {
            var batch = a.NextBatch();
            Assert.Equal(batch, b.NextBatch());
            differs |= !batch.SequenceEqual(c.NextBatch());
        }

        Assert.True(differs);
    }

    [Fact]
    public void Shuffle_covers_each_row_once_per_epoch_and_keeps_the_last_partial_batch()
    {
        var sampler = new BatchSampler(Groups, 10, SamplingMode.Shuffle, 1);
        Assert.Equal(11, sampler.StepsPerEpoch);
        for (var epoch = 0; epoch < 2; epoch++)
        {
            var seen = new List<int>();
            for (var step = 0; step < sampler.StepsPerEpoch; step++)
            {
                var batch = sampler.NextBatch();
                Assert.Equal(step == 10 ? 3 : 10, batch.Length);
                seen.AddRange(batch);
            }

            Assert.Equal(Enumerable.Range(0, Groups.Length), seen.Order());
            Assert.Equal(epoch + 1, sampler.Epoch, 1e-12);
        }
    }

    [Fact]
    public void Inverse_group_frequency_draws_groups_about_equally()
    {
        var sampler = new BatchSampler(Groups, 64, SamplingMode.InverseGroupFrequency, 3);
        var counts = new int[4];
        for (var i = 0; i < 400; i++)
        {
            foreach (var row in sampler.NextBatch())
            {
                counts[Groups[row]]++;
            }
        }

        var total = counts.Sum();
        Assert.All(counts, c => Assert.InRange((double)c / total, 0.22, 0.28));
    }

    [Fact]
    public void Restored_state_continues_identically()
    {
        var sampler = new BatchSampler(Groups, 16, SamplingMode.Shuffle, 11);
        sampler.NextBatch();
        sampler.NextBatch();
        var state = sampler.GetState();
        var restored = new BatchSampler(Groups, 16, SamplingMode.Shuffle, 0);
        restored.Restore(state);
        Assert.Equal(sampler.Epoch, restored.Epoch);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(sampler.NextBatch(), restored.NextBatch());
        }
    }
}
